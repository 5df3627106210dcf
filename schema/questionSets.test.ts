import { readReferenceSeeds } from './seeds/referenceDataSchemas';
import { checkRequestQuestions, derogationNotificationSet, derogationRequestSet, messageComments, questionSetLanguages, readQuestionSets, type QuestionSetDefinition, type RequestQuestionsDraft } from './questionSets';

const seeds = readReferenceSeeds();
const sets = readQuestionSets(seeds);
const setOf = (code: string) => sets.find((s) => s.code === code)!;

function expectEveryLanguage(where: string, texts: Record<string, string>) {
  for (const language of questionSetLanguages) expect([where, language, (texts[language] ?? '').trim().length > 0]).toEqual([where, language, true]);
}

describe('question sets', () => {
  it('exist for every legislation area with requests', () => {
    const areas = seeds.legislationAreas.items.filter((a) => a.workflows.includes('requests')).map((a) => a.code);
    for (const area of areas) expect([area, sets.filter((s) => s.area === area).length > 0]).toEqual([area, true]);
  });

  it('have every name, instruction, checklist step, question, predefined answer and message comment in en, da, de and fr', () => {
    for (const set of sets) {
      expectEveryLanguage(set.code, set.names);
      if (set.instructions) expectEveryLanguage(`${set.code} instructions`, set.instructions);
      set.checklist.forEach((step, i) => expectEveryLanguage(`${set.code} checklist ${i + 1}`, step));
      for (const question of set.questions) {
        expectEveryLanguage(question.code, question.texts);
        for (const answer of question.answers) expectEveryLanguage(answer.code, answer.texts);
      }
    }
    for (const [code, texts] of Object.entries(messageComments)) expectEveryLanguage(`message comment ${code}`, texts);
  });

  it('number their questions from 1 and give each ≥2 predefined answers with unique codes', () => {
    const codes = new Set<string>();
    for (const set of sets) {
      expect(set.questions.map((q) => q.number)).toEqual(set.questions.map((_, i) => i + 1));
      for (const q of set.questions) {
        expect(q.code.startsWith(`${set.code}/`)).toBe(true);
        expect(q.answers.length).toBeGreaterThanOrEqual(2);
        for (const a of q.answers) {
          expect(codes.has(a.code)).toBe(false);
          codes.add(a.code);
        }
      }
    }
  });

  it('include the two Services derogation sets of ch. 7 with their rules', () => {
    const request = setOf(derogationRequestSet);
    const notification = setOf(derogationNotificationSet);
    expect([request.area, notification.area]).toEqual(['services', 'services']);
    expect(request.checklist).toHaveLength(10);
    expect(request.rules).toEqual({ checklistMustBeConfirmed: true, citesEarlierRequest: 'never', measuresWaitingDays: null });
    expect(notification.rules).toEqual({ checklistMustBeConfirmed: true, citesEarlierRequest: 'unless-urgent', measuresWaitingDays: 15 });
    expect(setOf('pq-diploma').rules.checklistMustBeConfirmed).toBe(false);
  });
});

describe('checkRequestQuestions', () => {
  const allConfirmed = (set: QuestionSetDefinition) => set.checklist.map((_, i) => i);
  const draft = (set: QuestionSetDefinition, overrides: Partial<RequestQuestionsDraft> = {}): RequestQuestionsDraft => ({
    questions: set.questions.map((q) => ({ questionCode: q.code, comment: q.commentRequired ? 'The facts of the case.' : null, commentLanguage: q.commentRequired ? 'en' : null })),
    confirmedChecklist: allConfirmed(set),
    relatedRequestNumber: null,
    urgent: false,
    ...overrides,
  });
  const paths = (set: QuestionSetDefinition, d: RequestQuestionsDraft) => checkRequestQuestions(set, d).map((p) => p.path);

  it('accepts an ordinary request with one question and no comment', () => {
    const set = setOf('pq-diploma');
    expect(paths(set, draft(set, { questions: [{ questionCode: 'pq-diploma/authentic', comment: null, commentLanguage: null }] }))).toEqual([]);
  });

  it('refuses no question, foreign or repeated questions, and a comment without its language', () => {
    const set = setOf('pq-diploma');
    expect(paths(set, draft(set, { questions: [] }))).toEqual(['questions']);
    const q = (questionCode: string, comment: string | null = null, commentLanguage: string | null = null) => ({ questionCode, comment, commentLanguage });
    expect(paths(set, draft(set, { questions: [q('pq-diploma/authentic'), q('pq-diploma/authentic'), q('solvit-case/accepted'), q('pq-diploma/training-content', 'Which years?')] }))).toEqual([
      'questions.1.questionCode',
      'questions.2.questionCode',
      'questions.3.commentLanguage',
    ]);
  });

  it('demands the mandatory free texts and every checklist step of a derogation request', () => {
    const set = setOf(derogationRequestSet);
    expect(paths(set, draft(set))).toEqual([]);
    const withoutFacts = draft(set);
    withoutFacts.questions = withoutFacts.questions.map((q) => (q.questionCode === `${derogationRequestSet}/facts` ? { ...q, comment: ' ', commentLanguage: null } : q));
    expect(paths(set, withoutFacts)).toEqual([`questions.0.comment`]);
    expect(paths(set, draft(set, { questions: draft(set).questions.filter((q) => q.questionCode !== `${derogationRequestSet}/measures`) }))).toEqual(['questions']);
    expect(paths(set, draft(set, { confirmedChecklist: allConfirmed(set).filter((i) => i !== 9) }))).toEqual(['confirmedChecklist.9']);
  });

  it('makes a notification of measures cite the earlier request, unless urgent', () => {
    const set = setOf(derogationNotificationSet);
    expect(paths(set, draft(set))).toEqual(['relatedRequestNumber']);
    expect(paths(set, draft(set, { relatedRequestNumber: 'the one from May' }))).toEqual(['relatedRequestNumber']);
    expect(paths(set, draft(set, { relatedRequestNumber: 'REQ-2026-000042' }))).toEqual([]);
    expect(paths(set, draft(set, { urgent: true }))).toEqual([]);
  });
});
