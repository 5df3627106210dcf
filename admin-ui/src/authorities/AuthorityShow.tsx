import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import {
  Box,
  Card,
  CardContent,
  Chip,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMemo } from 'react';
import { EditButton, Link as RouterLink, Show, useCreatePath, useGetList, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { AuthorityRef } from '../../../schema/authorityDirectory';
import { detailView } from '../dataProvider';
import { EmptyNote } from '../fields/EmptyNote';
import { Fact, FactGrid } from '../fields/Fact';
import { SectionTitle } from '../fields/SectionTitle';
import type { ReferenceRecord } from '../referenceData/referenceDataProvider';
import { useReferenceNames } from '../referenceData/useReferenceNames';
import { formatDateTime } from '../time/duration';
import type { AuthorityDetailRecord } from './authorityApi';
import { AccessStatusChip, AuthorityStatusField } from './AuthorityStatusField';
import { authorityEditRights, currentViewer } from './authorityEditRights';
import { AuthorityUsers } from './AuthorityUsers';
import { defaultFlags } from './authorityStatus';

type AreaView = AuthorityDetailRecord['areas'][number];

const AuthorityTitle = () => {
  const record = useRecordContext<AuthorityDetailRecord>();
  return <span>{record?.officialName ?? ''}</span>;
};

/** A link to another authority of the directory. */
const AuthorityLink = ({ authority }: { authority: AuthorityRef }) => {
  const createPath = useCreatePath();
  return (
    <Link component={RouterLink} to={createPath({ resource: 'authorities', id: authority.id, type: 'show' })}>
      {authority.officialName}
    </Link>
  );
};

const AuthorityRefText = ({ authority }: { authority: AuthorityRef | null }) => {
  const translate = useTranslate();
  if (!authority) return <>—</>;
  return (
    <span>
      <AuthorityLink authority={authority} /> ({authority.countryCode}, {translate(`liaison.authority.kind_short.${authority.kind}`, { _: authority.kind })})
    </span>
  );
};

/** The informal titles, one per language, in the console's words for the languages. */
const InformalTitles = ({ titles }: { titles: Record<string, string> }) => {
  const names = useReferenceNames('languages');
  const entries = Object.entries(titles);
  if (entries.length === 0) return <>—</>;
  return (
    <Table size="small" sx={{ maxWidth: 640 }}>
      <TableBody>
        {entries.map(([lang, title]) => (
          <TableRow key={lang}>
            <TableCell sx={{ width: 160, color: 'text.secondary' }}>{names.get(lang) ?? lang}</TableCell>
            <TableCell lang={lang}>{title}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** Yes / No; "default" beside a value that is the manual's default. */
const FlagValue = ({ value, isDefault }: { value: boolean; isDefault: boolean }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }} data-flag={value ? 'yes' : 'no'}>
      {value ? <CheckIcon fontSize="small" color="success" /> : <CloseIcon fontSize="small" color="disabled" />}
      <span>{translate(value ? 'liaison.authority.yes' : 'liaison.authority.no')}</span>
      {isDefault ? (
        <Typography component="span" variant="caption" color="text.secondary">
          ({translate('liaison.authority.default')})
        </Typography>
      ) : (
        <Chip size="small" label={translate('liaison.authority.changed')} color="warning" variant="outlined" sx={{ height: 18, fontSize: 11 }} />
      )}
    </Box>
  );
};

/** The flags of one area: per group (CA requests, coordinator requests, alerts) every flag. */
const FlagsTable = ({ area }: { area: AreaView }) => {
  const translate = useTranslate();
  const groups = ['ca', 'coordinator', 'alerts'] as const;
  return (
    <Table size="small">
      <TableBody>
        {groups.flatMap((group) => [
          <TableRow key={group}>
            <TableCell colSpan={2} sx={{ color: 'text.secondary', fontWeight: 600, pt: 1.5 }}>
              {translate(`liaison.authority.flag_group.${group}`)}
            </TableCell>
          </TableRow>,
          ...Object.entries(area.flags[group]).map(([flag, value]) => (
            <TableRow key={`${group}.${flag}`}>
              <TableCell sx={{ pl: 3 }}>{translate(`liaison.authority.flag.${group}.${flag}`, { _: flag })}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <FlagValue value={value as boolean} isDefault={(defaultFlags[group] as Record<string, boolean>)[flag] === value} />
              </TableCell>
            </TableRow>
          )),
        ])}
      </TableBody>
    </Table>
  );
};

const WorkflowsTable = ({ area }: { area: AreaView }) => {
  const translate = useTranslate();
  if (area.workflows.length === 0) return <EmptyNote>{translate('liaison.authority.no_workflows')}</EmptyNote>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('liaison.authority.workflow')}</TableCell>
          <TableCell>{translate('liaison.authority.access_status')}</TableCell>
          <TableCell>{translate('liaison.authority.roles')}</TableCell>
          <TableCell>{translate('liaison.authority.linked_coordinators')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {area.workflows.map((w) => (
          <TableRow key={w.workflow}>
            <TableCell>{translate(`liaison.authority.workflows.${w.workflow}`, { _: w.workflow })}</TableCell>
            <TableCell>
              <AccessStatusChip status={w.status} />
            </TableCell>
            <TableCell>{w.roles.map((r) => translate(`liaison.authority.role.${r}`, { _: r })).join(', ') || '—'}</TableCell>
            <TableCell>
              {w.linkedCoordinators.length === 0
                ? '—'
                : w.linkedCoordinators.map((c, i) => (
                    <Box key={c.id} component="span">
                      {i > 0 ? ', ' : ''}
                      <AuthorityRefText authority={c} />
                    </Box>
                  ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** One legislation area of the authority: access, role, coordinator, keywords, flags, workflows. */
const AreaCard = ({ area }: { area: AreaView }) => {
  const translate = useTranslate();
  const areaNames = useReferenceNames('legislation-areas');
  const keywordNames = useKeywordNames();
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid={`area-${area.area}`}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {areaNames.get(area.area) ?? area.area}
          </Typography>
          <AccessStatusChip status={area.status} />
          {area.previousStatus ? (
            <Typography variant="caption" color="text.secondary">
              {translate('liaison.authority.previously', { status: translate(`liaison.authority.access.${area.previousStatus}`) })}
            </Typography>
          ) : null}
        </Box>
        <FactGrid>
          <Fact label={translate('liaison.authority.area_role')}>{translate(`liaison.authority.kind.${area.role}`, { _: area.role })}</Fact>
          <Fact label={translate('liaison.authority.access_coordinator')}>
            <AuthorityRefText authority={area.accessCoordinator} />
          </Fact>
        </FactGrid>
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 2, mb: 0.5 }}>
          {translate('liaison.authority.keywords')}
        </Typography>
        {area.keywords.length === 0 ? (
          <EmptyNote>{translate('liaison.authority.no_keywords')}</EmptyNote>
        ) : (
          <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
            {area.keywords.map((k) => (
              <Chip key={k} size="small" label={keywordNames.get(k) ?? k} />
            ))}
          </Box>
        )}
        <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', mt: 2 }}>
          <Box sx={{ flex: '1 1 100%', maxWidth: 960 }}>
            <Typography variant="caption" color="text.secondary" component="div">
              {translate('liaison.authority.workflows_title')}
            </Typography>
            <WorkflowsTable area={area} />
          </Box>
          <Box sx={{ flex: '1 1 100%', maxWidth: 960 }}>
            <Typography variant="caption" color="text.secondary" component="div">
              {translate('liaison.authority.flags')}
            </Typography>
            <FlagsTable area={area} />
          </Box>
        </Box>
      </CardContent>
    </Card>
  );
};

/** keyword code → label, from the legislation areas' keywords. */
function useKeywordNames(): Map<string, string> {
  const { data } = useGetList<ReferenceRecord<'legislation-areas'>>('legislation-areas', { pagination: { page: 1, perPage: 10_000 } });
  return useMemo(() => new Map((data ?? []).flatMap((a) => a.keywords.map((k) => [k.code, k.label] as const))), [data]);
}

const Competences = ({ record }: { record: AuthorityDetailRecord }) => {
  const translate = useTranslate();
  const nace = useReferenceNames('nace-codes');
  const policy = useReferenceNames('policy-areas');
  const { naceCodes, policyAreaCodes } = record.competence;
  return (
    <FactGrid>
      <Fact label={translate('liaison.authority.nace')}>
        {naceCodes.length ? naceCodes.map((c) => <div key={c}>{`${c} — ${nace.get(c) ?? ''}`}</div>) : '—'}
      </Fact>
      <Fact label={translate('liaison.authority.policy_areas')}>
        {policyAreaCodes.length ? policyAreaCodes.map((c) => <div key={c}>{policy.get(c) ?? c}</div>) : '—'}
      </Fact>
      <Fact label={translate('liaison.authority.horizontal')}>{translate(record.horizontalCompetence ? 'liaison.authority.yes' : 'liaison.authority.no')}</Fact>
    </FactGrid>
  );
};

const AuthorityDetails = () => {
  const record = useRecordContext<AuthorityDetailRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const languageNames = useReferenceNames('languages');
  const countryNames = useReferenceNames('countries');
  if (!record || record.contactEmail === undefined) return null;
  const field = (name: string) => translate(`resources.authorities.fields.${name}`);
  return (
    <Box sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {record.officialName}
        </Typography>
        <AuthorityStatusField />
        <Chip size="small" variant="outlined" label={translate(`liaison.authority.kind.${record.kind}`, { _: record.kind })} />
        {authorityEditRights(currentViewer(), record).mayEdit ? <EditButton sx={{ ml: 'auto' }} /> : null}
      </Box>
      <FactGrid>
        <Fact label={field('countryCode')}>{`${countryNames.get(record.countryCode) ?? ''} (${record.countryCode})`}</Fact>
        <Fact label={field('region')}>{record.region ?? '—'}</Fact>
        <Fact label={field('validatingCoordinator')}>
          <AuthorityRefText authority={record.validatingCoordinator} />
        </Fact>
        <Fact label={field('languages')}>{record.languages.map((l) => languageNames.get(l) ?? l).join(', ') || '—'}</Fact>
        <Fact label={field('createdAt')}>{formatDateTime(record.createdAt, locale, false)}</Fact>
        <Fact label={field('updatedAt')}>{formatDateTime(record.updatedAt, locale, false)}</Fact>
      </FactGrid>
      {record.description ? (
        <Typography variant="body2" sx={{ mt: 2, maxWidth: 800 }} lang={record.descriptionLanguage ?? undefined}>
          {record.description}
        </Typography>
      ) : null}

      <SectionTitle>{translate('liaison.authority.informal_titles')}</SectionTitle>
      <InformalTitles titles={record.informalTitle} />

      <SectionTitle>{translate('liaison.authority.contact')}</SectionTitle>
      <FactGrid>
        <Fact label={field('address')}>
          {record.addressLines.map((line) => (
            <div key={line}>{line}</div>
          ))}
          <div>{[record.postcode, record.city].filter(Boolean).join(' ')}</div>
        </Fact>
        <Fact label={field('contactEmail')}>
          <Link href={`mailto:${record.contactEmail}`}>{record.contactEmail}</Link>
        </Fact>
        <Fact label={field('phone')}>{record.phone ?? '—'}</Fact>
        <Fact label={field('website')}>
          {record.website ? (
            <Link href={record.website} target="_blank" rel="noreferrer" sx={{ wordBreak: 'break-all' }}>
              {record.website}
            </Link>
          ) : (
            '—'
          )}
        </Fact>
      </FactGrid>

      <SectionTitle>{translate('liaison.authority.competences')}</SectionTitle>
      <Competences record={record} />

      <SectionTitle>{translate('liaison.authority.areas')}</SectionTitle>
      {record.areas.length === 0 ? <EmptyNote>{translate('liaison.authority.no_areas')}</EmptyNote> : record.areas.map((a) => <AreaCard key={a.area} area={a} />)}

      <SectionTitle>{translate('liaison.authority.users')}</SectionTitle>
      <AuthorityUsers authorityId={record.id} authorityName={record.officialName} />
    </Box>
  );
};

/** One authority with all its data (IMI ch. 4.1). */
export const AuthorityShow = () => (
  // minWidth 0: wide tables (users, workflows) scroll or wrap inside the card instead of widening the page
  <Show title={<AuthorityTitle />} queryOptions={{ meta: detailView }} actions={false} sx={{ '& .RaShow-card': { minWidth: 0 } }}>
    <AuthorityDetails />
  </Show>
);
