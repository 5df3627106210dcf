import AttachFileIcon from '@mui/icons-material/AttachFile';
import SaveIcon from '@mui/icons-material/Save';
import { Alert, Box, Button, Chip, CircularProgress, MenuItem, Paper, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import { serverErrors } from '../dialogs/serverErrors';
import { EmptyNote } from '../fields/EmptyNote';
import { saveAnswerDraft, toNewAttachment, type RequestDetailRecord } from './requestApi';
import { AttachmentChip } from './AttachmentChip';
import { useQuestionSets } from './useQuestionSets';

type Detail = RequestDetailRecord['detail'];
type Answer = Detail['answers'][number];

interface DraftRow {
  predefinedAnswer: string;
  text: string;
}

/** A free text with the language it was written in (the reader may machine-translate from it). */
const TaggedText = ({ text, language }: { text: string; language: string | null }) => (
  <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
    {language ? <Chip size="small" variant="outlined" label={language.toUpperCase()} sx={{ mr: 1, height: 20, fontSize: 11 }} /> : null}
    {text}
  </Typography>
);

/** One answer as sent (or drafted): the predefined answer and the free text. */
const AnswerView = ({ answer }: { answer: Answer }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 1 }} data-testid="answer" data-state={answer.state}>
      <Typography variant="caption" color="text.secondary">
        {translate(answer.round > 1 ? 'liaison.request.answer_round' : 'liaison.request.answer_first', { round: answer.round })}
        {answer.state === 'draft' ? ` · ${translate('liaison.request.answer_draft')}` : ''}
      </Typography>
      {answer.predefinedAnswerText || answer.predefinedAnswer ? (
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {answer.predefinedAnswerText ?? answer.predefinedAnswer}
        </Typography>
      ) : null}
      {answer.text ? <TaggedText text={answer.text} language={answer.language} /> : null}
    </Box>
  );
};

/**
 * The request's questions beside their answers. The responder who may answer (`answer-draft` in
 * `actions`) edits its draft here — a predefined answer and/or free text per question — and saves
 * it; the "Send answer" command then sends the saved draft.
 */
export const AnswerForm = ({ record }: { record: RequestDetailRecord }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const { detail } = record;
  const editable = detail.actions.includes('answer-draft');
  const sets = useQuestionSets(editable ? record.legislationArea : undefined, locale);
  const choices = useMemo(() => {
    const set = sets.data?.find((s) => s.code === record.questionSet);
    // the set may name its questions by their full code (`set/key`) or by key alone
    return new Map((set?.questions ?? []).flatMap((q) => [[q.code, q.answers] as const, [`${record.questionSet}/${q.code}`, q.answers] as const]));
  }, [sets.data, record.questionSet]);

  const latestDrafts = useMemo(() => {
    const drafts = new Map<string, Answer>();
    for (const a of detail.answers) if (a.state === 'draft' && (drafts.get(a.questionId)?.round ?? 0) <= a.round) drafts.set(a.questionId, a);
    return drafts;
  }, [detail.answers]);
  const [rows, setRows] = useState<Record<string, DraftRow>>({});
  useEffect(() => {
    setRows(
      Object.fromEntries(
        detail.questions.map((q) => {
          const d = latestDrafts.get(q.id);
          return [q.id, { predefinedAnswer: d?.predefinedAnswer ?? '', text: d?.text ?? '' }];
        }),
      ),
    );
  }, [detail.questions, latestDrafts]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  /** Files for the answer, each about one question (or none: the whole answer). */
  const [files, setFiles] = useState<{ file: File; questionCode: string }[]>([]);

  if (detail.questions.length === 0) {
    return <EmptyNote>{translate(detail.personalDataVisible ? 'liaison.request.no_questions' : 'liaison.request.questions_hidden')}</EmptyNote>;
  }

  const save = async () => {
    const answers = detail.questions
      .map((q) => ({ questionId: q.id, predefinedAnswer: rows[q.id]?.predefinedAnswer || null, text: rows[q.id]?.text.trim() || null, language: locale }))
      .filter((a) => a.predefinedAnswer || a.text)
      .map((a) => ({ ...a, language: a.text ? a.language : null }));
    if (answers.length === 0) {
      setError(translate('liaison.request.answer_needed'));
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const attachments = await Promise.all(files.map((f) => toNewAttachment(f.file, f.questionCode || undefined)));
      await saveAnswerDraft(record.id, { answers, attachments });
      setFiles([]);
      notify('liaison.request.done.answer-draft', { type: 'success' });
      refresh();
    } catch (e) {
      const { message, fields } = serverErrors(e);
      setError(message ? translate(message, { _: message }) : null);
      setFieldErrors(fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box data-testid="questions">
      {detail.questions.map((q, index) => {
        const sent = detail.answers.filter((a) => a.questionId === q.id && (a.state === 'sent' || !editable)).sort((a, b) => a.round - b.round);
        const row = rows[q.id] ?? { predefinedAnswer: '', text: '' };
        const options = choices.get(q.code) ?? [];
        return (
          <Paper key={q.id} variant="outlined" sx={{ p: 2, mb: 1.5 }} data-testid="question" data-code={q.code}>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
              <Box>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {index + 1}. {q.text}
                </Typography>
                {q.comment ? (
                  <Box sx={{ mt: 1 }}>
                    <TaggedText text={q.comment} language={q.commentLanguage} />
                  </Box>
                ) : null}
                {detail.attachments
                  .filter((a) => a.questionId === q.id && !a.messageId && a.side === 'requester')
                  .map((a) => (
                    <AttachmentChip key={a.id} requestId={record.id} attachment={a} />
                  ))}
              </Box>
              <Box sx={{ borderLeft: { md: 1 }, borderColor: { md: 'divider' }, pl: { md: 2 } }}>
                {sent.length === 0 && !editable ? (
                  <Typography variant="body2" color="text.secondary">
                    {translate('liaison.request.not_answered')}
                  </Typography>
                ) : null}
                {sent.map((a) => (
                  <AnswerView key={`${a.questionId}-${a.round}-${a.state}`} answer={a} />
                ))}
                {detail.attachments
                  .filter((a) => a.questionId === q.id && !a.messageId && a.side === 'responder')
                  .map((a) => (
                    <AttachmentChip key={a.id} requestId={record.id} attachment={a} />
                  ))}
                {editable ? (
                  <Box sx={{ display: 'grid', gap: 1 }}>
                    <TextField
                      select
                      size="small"
                      label={translate('liaison.request.predefined_answer')}
                      value={row.predefinedAnswer}
                      onChange={(e) => setRows({ ...rows, [q.id]: { ...row, predefinedAnswer: e.target.value } })}
                      slotProps={{ htmlInput: { 'data-question': q.code } }}
                    >
                      <MenuItem value="">
                        <em>{translate('liaison.request.no_predefined_answer')}</em>
                      </MenuItem>
                      {options.map((o) => (
                        <MenuItem key={o.code} value={o.code}>
                          {o.text}
                        </MenuItem>
                      ))}
                    </TextField>
                    <TextField
                      size="small"
                      multiline
                      minRows={2}
                      label={translate('liaison.request.answer_text')}
                      value={row.text}
                      onChange={(e) => setRows({ ...rows, [q.id]: { ...row, text: e.target.value } })}
                      error={!!fieldErrors[`answers.${index}.text`]}
                      helperText={fieldErrors[`answers.${index}.text`]}
                    />
                  </Box>
                ) : null}
              </Box>
            </Box>
          </Paper>
        );
      })}
      {editable ? (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
          <Button component="label" size="small" startIcon={<AttachFileIcon />}>
            {translate('liaison.request.attach_files')}
            <input
              hidden
              multiple
              type="file"
              data-testid="answer-files"
              onChange={(e) => setFiles([...files, ...Array.from(e.target.files ?? []).map((file) => ({ file, questionCode: '' }))])}
            />
          </Button>
          {files.map((f, i) => (
            <Box key={`${f.file.name}-${i}`} sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
              <Chip size="small" label={f.file.name} onDelete={() => setFiles(files.filter((_, j) => j !== i))} />
              <TextField
                select
                size="small"
                sx={{ minWidth: 200 }}
                label={translate('liaison.request.wizard.attachment_about')}
                value={f.questionCode}
                onChange={(e) => setFiles(files.map((g, j) => (j === i ? { ...g, questionCode: e.target.value } : g)))}
              >
                <MenuItem value="">{translate('liaison.request.wizard.attachment_whole_request')}</MenuItem>
                {detail.questions.map((q) => (
                  <MenuItem key={q.id} value={q.code}>
                    {q.text}
                  </MenuItem>
                ))}
              </TextField>
            </Box>
          ))}
        </Box>
      ) : null}
      {editable ? (
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
          <Button variant="outlined" startIcon={busy ? <CircularProgress size={16} /> : <SaveIcon />} onClick={() => void save()} disabled={busy}>
            {translate('liaison.request.save_answer_draft')}
          </Button>
          <Typography variant="caption" color="text.secondary">
            {translate('liaison.request.answer_hint')}
          </Typography>
        </Box>
      ) : null}
      {error ? (
        <Alert severity="error" sx={{ mt: 1 }} role="alert">
          {error}
        </Alert>
      ) : null}
    </Box>
  );
};
