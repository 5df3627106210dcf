import FlagIcon from '@mui/icons-material/Flag';
import GavelIcon from '@mui/icons-material/Gavel';
import LanguageIcon from '@mui/icons-material/Language';
import PolicyIcon from '@mui/icons-material/Policy';
import QuizIcon from '@mui/icons-material/Quiz';
import WorkIcon from '@mui/icons-material/Work';
import { CountryList, LanguageList, LegislationAreaList, NaceCodeList, PolicyAreaList, QuestionSetList } from './ReferenceLists';

/** Reference data, read-only (menu group "Reference data"); the id of a row is its code. */
export const countries = { list: CountryList, icon: FlagIcon, recordRepresentation: 'nameEn' };
export const languages = { list: LanguageList, icon: LanguageIcon, recordRepresentation: 'nameEn' };
export const legislationAreas = { list: LegislationAreaList, icon: GavelIcon, recordRepresentation: 'name' };
export const naceCodes = { list: NaceCodeList, icon: WorkIcon, recordRepresentation: 'name' };
export const policyAreas = { list: PolicyAreaList, icon: PolicyIcon, recordRepresentation: 'name' };
export const questionSets = { list: QuestionSetList, icon: QuizIcon, recordRepresentation: 'name' };
