import AttachFileIcon from '@mui/icons-material/AttachFile';
import SendIcon from '@mui/icons-material/Send';
import { Alert, Box, Button, Chip, CircularProgress, MenuItem, Paper, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { messageCommentCodes as apiCommentCodes } from '../../../schema/requests';
import { serverErrors } from '../dialogs/serverErrors';
import { EmptyNote } from '../fields/EmptyNote';
import { formatDateTime } from '../time/duration';
import { AttachmentChip } from './AttachmentChip';
import { sendRequestMessage, toNewAttachment, type RequestDetailRecord } from './requestApi';

/** The predefined comments of messages (the API's list; their words are in the console's i18n). */
type MessageCommentCode = (typeof apiCommentCodes)[number];
const messageCommentCodes = ['documents-requested', 'early-information', 'documents-added', 'clarification-requested', 'other'] as const satisfies readonly MessageCommentCode[];

/**
 * The structured messages both ways (5.3.2): a predefined comment and/or free text, with
 * attachments; the form only when the API lets this user send one (`send-message`).
 */
export const MessageThread = ({ record }: { record: RequestDetailRecord }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const { detail } = record;
  const [commentCode, setCommentCode] = useState<MessageCommentCode | ''>('');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const mySide = detail.viewerSide === 'requester' || detail.viewerSide === 'responder' ? detail.viewerSide : null;

  const send = async () => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const attachments = await Promise.all(files.map((f) => toNewAttachment(f)));
      await sendRequestMessage(record.id, {
        commentCode: commentCode || null,
        text: text.trim() || null,
        language: locale,
        attachments: attachments.map(({ questionCode: _q, ...a }) => a),
      });
      notify('liaison.request.done.send-message', { type: 'success' });
      setCommentCode('');
      setText('');
      setFiles([]);
      refresh();
    } catch (e) {
      const { message, fields: byField } = serverErrors(e);
      setError(message ? translate(message, { _: message }) : null);
      setFields(byField);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box data-testid="messages">
      {!detail.personalDataVisible && detail.messages.length === 0 ? (
        <EmptyNote>{translate('liaison.request.messages_hidden')}</EmptyNote>
      ) : detail.messages.length === 0 ? (
        <EmptyNote>{translate('liaison.request.no_messages')}</EmptyNote>
      ) : (
        detail.messages.map((m) => {
          const attachments = detail.attachments.filter((a) => a.messageId === m.id);
          const mine = m.fromSide === mySide;
          return (
            <Paper
              key={m.id}
              variant="outlined"
              data-testid="message"
              sx={{ p: 1.5, mb: 1, ml: mine ? 6 : 0, mr: mine ? 0 : 6, bgcolor: mine ? 'action.hover' : undefined }}
            >
              <Typography variant="caption" color="text.secondary">
                {translate(`liaison.request.party.${m.fromSide}`)} · {formatDateTime(m.sentAt, locale)}
              </Typography>
              {m.commentText || m.commentCode ? (
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {m.commentText ?? translate(`liaison.request.message_comment.${m.commentCode}`, { _: m.commentCode ?? '' })}
                </Typography>
              ) : null}
              {m.text ? (
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                  {m.language ? <Chip size="small" variant="outlined" label={m.language.toUpperCase()} sx={{ mr: 1, height: 20, fontSize: 11 }} /> : null}
                  {m.text}
                </Typography>
              ) : null}
              {attachments.map((a) => (
                <AttachmentChip key={a.id} requestId={record.id} attachment={a} />
              ))}
            </Paper>
          );
        })
      )}
      {detail.actions.includes('send-message') ? (
        <Box component="form" sx={{ display: 'grid', gap: 1, mt: 1 }} onSubmit={(e) => (e.preventDefault(), void send())} data-testid="message-form">
          <TextField select size="small" label={translate('liaison.request.message_predefined')} value={commentCode} onChange={(e) => setCommentCode(e.target.value as MessageCommentCode | '')}>
            <MenuItem value="">
              <em>{translate('liaison.request.no_predefined_comment')}</em>
            </MenuItem>
            {messageCommentCodes.map((c) => (
              <MenuItem key={c} value={c}>
                {translate(`liaison.request.message_comment.${c}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            multiline
            minRows={2}
            label={translate('liaison.request.message_text')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={!!fields.text}
            helperText={fields.text}
          />
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Button component="label" size="small" startIcon={<AttachFileIcon />}>
              {translate('liaison.request.attach_files')}
              <input hidden multiple type="file" onChange={(e) => setFiles([...files, ...Array.from(e.target.files ?? [])])} />
            </Button>
            {files.map((f, i) => (
              <Chip key={`${f.name}-${i}`} size="small" label={f.name} onDelete={() => setFiles(files.filter((_, j) => j !== i))} />
            ))}
            <Box sx={{ flex: 1 }} />
            <Button type="submit" variant="contained" size="small" startIcon={busy ? <CircularProgress size={14} color="inherit" /> : <SendIcon />} disabled={busy}>
              {translate('liaison.request.send_message')}
            </Button>
          </Box>
          {error ? (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
};
