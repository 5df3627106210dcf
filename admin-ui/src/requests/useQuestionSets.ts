import { useQuery } from '@tanstack/react-query';
import { HttpError } from 'react-admin';
import { listReference } from '../referenceData/referenceDataProvider';
import { listQuestionSets, type QuestionSetView } from './requestApi';

/**
 * The question sets of an area with their questions and predefined answers in the user's
 * language (GET /api/question-sets). Until that route answers (404), the same pre-translated
 * sets come from the reference data (GET /api/reference/question-sets).
 */
export function useQuestionSets(area: string | undefined, language: string) {
  return useQuery({
    queryKey: ['question-sets', area, language],
    enabled: !!area,
    queryFn: async (): Promise<QuestionSetView[]> => {
      try {
        return (await listQuestionSets(area, language)).data;
      } catch (error) {
        if (!(error instanceof HttpError) || error.status !== 404) throw error;
        const reference = await listReference('question-sets', { filter: { area }, pagination: { page: 1, perPage: 100 }, sort: { field: 'position', order: 'ASC' } });
        type Retirable<T> = T & { retired: boolean };
        const sets = reference.data as unknown as Retirable<Omit<QuestionSetView, 'questions'> & { questions: Retirable<QuestionSetView['questions'][number]>[] }>[];
        return sets.filter((s) => !s.retired).map((s) => ({ ...s, questions: s.questions.filter((q) => !q.retired) }));
      }
    },
  });
}
