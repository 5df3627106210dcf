import AltRouteIcon from '@mui/icons-material/AltRoute';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import BlockIcon from '@mui/icons-material/Block';
import CallSplitIcon from '@mui/icons-material/CallSplit';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import EditIcon from '@mui/icons-material/Edit';
import EventIcon from '@mui/icons-material/Event';
import GavelIcon from '@mui/icons-material/Gavel';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlined';
import SendIcon from '@mui/icons-material/Send';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import ThumbDownIcon from '@mui/icons-material/ThumbDown';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import {
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useLocaleState, useNotify, useRedirect, useRefresh, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { AuthoritySummary } from '../../../schema/authorityDirectory';
import type { AssignableUsers } from '../../../api/routes/requestAssignees';
import { getAuthority } from '../authorities/authorityApi';
import { ActionDialog } from '../dialogs/ActionDialog';
import { useCommandAttempt } from '../dialogs/commandAttempt';
import { serverErrors } from '../dialogs/serverErrors';
import { liaisonApi } from '../liaisonApi';
import { AuthorityPicker } from './AuthorityPicker';
import { copyRequest, requestCommand, type RequestCommandName, type RequestDetailRecord } from './requestApi';
import { useRequestDetail } from './useRequestDetail';

/** Commands with a button here; `answer-draft` and `send-message` are forms on the page, `edit-draft` opens the wizard. */
const buttonCommands = [
  'send',
  'approve-request',
  'refuse-request',
  'accept',
  'reject',
  'propose-deadline',
  'accept-proposed-deadline',
  'change-responder-coordinator',
  'forward',
  'split',
  'answer',
  'approve-answer',
  'refuse-answer',
  'close',
  'request-additional-info',
  'accept-additional-info',
  'refuse-additional-info',
  'refer',
  'give-opinion',
  'provide-more',
  'keep-position',
  'assign-handlers',
  'commission-decision',
  'copy',
] as const satisfies readonly RequestCommandName[];
type ButtonCommand = (typeof buttonCommands)[number];

const icons: Record<ButtonCommand, ReactNode> = {
  send: <SendIcon />,
  'approve-request': <CheckCircleIcon />,
  'refuse-request': <ThumbDownIcon />,
  accept: <CheckCircleIcon />,
  reject: <BlockIcon />,
  'propose-deadline': <EventIcon />,
  'accept-proposed-deadline': <EventIcon />,
  'change-responder-coordinator': <SwapHorizIcon />,
  forward: <AltRouteIcon />,
  split: <CallSplitIcon />,
  answer: <SendIcon />,
  'approve-answer': <CheckCircleIcon />,
  'refuse-answer': <ThumbDownIcon />,
  close: <TaskAltIcon />,
  'request-additional-info': <HelpOutlineIcon />,
  'accept-additional-info': <CheckCircleIcon />,
  'refuse-additional-info': <BlockIcon />,
  refer: <GavelIcon />,
  'give-opinion': <GavelIcon />,
  'provide-more': <SendIcon />,
  'keep-position': <BlockIcon />,
  'assign-handlers': <AssignmentIndIcon />,
  'commission-decision': <GavelIcon />,
  copy: <ContentCopyIcon />,
};
const primary = new Set<ButtonCommand>(['send', 'accept', 'answer', 'close', 'approve-request', 'approve-answer', 'provide-more', 'give-opinion']);
const dangerous = new Set<ButtonCommand>(['reject', 'refuse-request', 'refuse-answer', 'keep-position', 'refuse-additional-info']);
/** Free text required (reason or remarks). */
const reasonField: Partial<Record<ButtonCommand, 'reason' | 'remarks'>> = {
  'refuse-request': 'remarks',
  'refuse-answer': 'remarks',
  reject: 'reason',
  forward: 'reason',
  split: 'reason',
  'request-additional-info': 'reason',
  'refuse-additional-info': 'reason',
};
/** Free text that may be left empty. */
const optionalText: Partial<Record<ButtonCommand, 'reason' | 'remarks'>> = { 'keep-position': 'reason', 'give-opinion': 'remarks' };

interface DialogState {
  reason: string;
  deadline: string;
  target: AuthoritySummary | null;
  questionIds: string[];
  coordinatorId: string;
  agrees: 'yes' | 'no' | '';
  userIds: string[];
  decision: 'measures-may-apply' | 'measures-stopped' | '';
  copy: { respondingAuthority: boolean; questions: boolean; attachments: boolean };
}
const emptyState = (): DialogState => ({
  reason: '',
  deadline: '',
  target: null,
  questionIds: [],
  coordinatorId: '',
  agrees: '',
  userIds: [],
  decision: '',
  copy: { respondingAuthority: true, questions: true, attachments: false },
});

/** Which party the viewer's allocator assigns for. */
const assignParty = (side: RequestDetailRecord['detail']['viewerSide']) => (side === 'helpdesk' ? 'responder' : side);
const partyAuthority = (record: RequestDetailRecord, party: string): string | null =>
  party === 'requester'
    ? record.requestingAuthorityId
    : party === 'responder'
      ? record.respondingAuthorityId
      : party === 'requester-coordinator'
        ? record.requesterCoordinatorId
        : record.responderCoordinatorId;

/** The responder's linked request coordinators in the request's area (the choice on acceptance). */
const LinkedCoordinators = ({ record, value, onChange, error }: { record: RequestDetailRecord; value: string; onChange: (id: string) => void; error?: string }) => {
  const translate = useTranslate();
  const { data, error: failure } = useQuery({
    queryKey: ['authorities', record.respondingAuthorityId, 'detail'],
    queryFn: () => getAuthority(record.respondingAuthorityId),
  });
  const coordinators =
    data?.areas.find((a) => a.area === record.legislationArea)?.workflows.find((w) => w.workflow === 'requests')?.linkedCoordinators ?? [];
  if (failure) return <FormHelperText error>{(failure as Error).message}</FormHelperText>;
  if (data && coordinators.length <= 1 && !error)
    return (
      <Typography variant="body2" color="text.secondary">
        {coordinators.length === 1 ? translate('liaison.request.dialog.one_coordinator', { name: coordinators[0]!.officialName }) : translate('liaison.request.dialog.no_coordinator')}
      </Typography>
    );
  return (
    <TextField
      select
      fullWidth
      name="responderCoordinatorId"
      label={translate('liaison.request.dialog.coordinator')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error}
    >
      {coordinators.map((c) => (
        <MenuItem key={c.id} value={c.id}>
          {c.officialName} ({c.kind})
        </MenuItem>
      ))}
    </TextField>
  );
};

/** The users the allocator may assign: case handlers, or referral handlers at a coordinator (the API picks them). */
const HandlerChoice = ({ requestId, party, coordinator, value, onChange, error }: { requestId: string; party: string; coordinator: boolean; value: string[]; onChange: (ids: string[]) => void; error?: string }) => {
  const translate = useTranslate();
  const { data, error: failure } = useQuery({
    queryKey: ['assignable-users', requestId, party],
    queryFn: () => liaisonApi<AssignableUsers>(`/requests/${requestId}/assignable-users`, { query: { party } }),
  });
  if (failure) return <FormHelperText error>{(failure as Error).message}</FormHelperText>;
  const users = data?.data ?? [];
  return (
    <FormControl error={!!error} component="fieldset" variant="standard">
      <FormLabel component="legend">{translate(`liaison.request.dialog.assign_${coordinator ? 'referral' : 'case'}_handlers`)}</FormLabel>
      <FormGroup>
        {users.map((u) => (
          <FormControlLabel
            key={u.id}
            control={
              <Checkbox checked={value.includes(u.id)} onChange={(e) => onChange(e.target.checked ? [...value, u.id] : value.filter((id) => id !== u.id))} />
            }
            label={`${u.firstName} ${u.lastName} (${u.username})`}
          />
        ))}
      </FormGroup>
      {error ? <FormHelperText>{error}</FormHelperText> : null}
    </FormControl>
  );
};

/**
 * The buttons of the commands the API says this user may perform now (`actions`), nothing else;
 * each opens a dialog with the inputs the command needs, and shows the API's refusal (403/409)
 * or its field messages there.
 */
export const RequestActions = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const [locale] = useLocaleState();
  const [command, setCommand] = useState<ButtonCommand | null>(null);
  const [state, setState] = useState<DialogState>(emptyState);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const attempt = useCommandAttempt();
  if (!record) return null;
  const { detail } = record;
  const allowed = buttonCommands.filter((c) => detail.actions.includes(c));
  const set = (patch: Partial<DialogState>) => setState((s) => ({ ...s, ...patch }));

  const open = (next: ButtonCommand) => {
    attempt.reset();
    setCommand(next);
    setState(emptyState());
    setError(null);
    setFields({});
  };

  /** The command's body, or the names of every required input still empty (all flagged at once). */
  const bodyOf = (c: ButtonCommand): Record<string, unknown> | string[] => {
    const need = reasonField[c];
    const missingText = need && !state.reason.trim() ? [need] : [];
    const body = commandBody(c);
    if (typeof body === 'string') return [body, ...missingText];
    if (Array.isArray(body)) return [...body, ...missingText];
    return missingText.length ? missingText : body;
  };

  /** The body from the dialog's inputs, or the name(s) of its empty required inputs other than the text. */
  const commandBody = (c: ButtonCommand): Record<string, unknown> | string | string[] => {
    const text = state.reason.trim();
    const language = locale;
    switch (c) {
      case 'refuse-request':
      case 'refuse-answer':
        return { remarks: text, language };
      case 'reject':
      case 'request-additional-info':
      case 'refuse-additional-info':
        return { reason: text, language };
      case 'keep-position':
        return { reason: text || null, language };
      case 'propose-deadline':
        return state.deadline ? { deadline: state.deadline } : 'deadline';
      case 'accept':
        return { responderCoordinatorId: state.coordinatorId || null };
      case 'change-responder-coordinator':
        return state.coordinatorId ? { responderCoordinatorId: state.coordinatorId } : 'responderCoordinatorId';
      case 'forward':
        return state.target ? { toAuthorityId: state.target.id, reason: text, language } : 'toAuthorityId';
      case 'split':
        if (!state.target || state.questionIds.length === 0) return [...(state.target ? [] : ['toAuthorityId']), ...(state.questionIds.length ? [] : ['questionIds'])];
        return { toAuthorityId: state.target.id, questionIds: state.questionIds, reason: text, language };
      case 'give-opinion':
        return state.agrees ? { agrees: state.agrees === 'yes', remarks: text || null, language } : 'agrees';
      case 'assign-handlers':
        return state.userIds.length ? { party: assignParty(detail.viewerSide), userIds: state.userIds } : 'userIds';
      case 'commission-decision':
        return state.decision ? { decision: state.decision } : 'decision';
      case 'copy':
        return state.copy;
      default:
        return {};
    }
  };

  const run = async () => {
    if (!command) return;
    const body = bodyOf(command);
    if (Array.isArray(body)) {
      setFields(Object.fromEntries(body.map((field) => [field, translate('liaison.request.dialog.required')])));
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      if (command === 'copy') {
        const created = await copyRequest(record.id, body);
        notify('liaison.request.done.copy', { type: 'success', messageArgs: { number: created.number } });
        setCommand(null);
        redirect('edit', 'requests', created.id);
        return;
      }
      if (command === 'forward') {
        // The forwarding responder no longer sees the request (§5): the answer is where it went, and the page goes back to the action list.
        await liaisonApi(`/requests/${encodeURIComponent(record.id)}/forward`, { method: 'POST', body, idempotencyKey: attempt.key() });
        attempt.settled();
        notify('liaison.request.done.forward', { type: 'success' });
        setCommand(null);
        redirect('/');
        return;
      }
      await requestCommand(record.id, command, body, attempt.key());
      attempt.settled();
      notify(`liaison.request.done.${command}`, { type: 'success' });
      setCommand(null);
      refresh();
    } catch (e) {
      attempt.settled(e);
      const { message, fields: byField } = serverErrors(e);
      setError(message ? translate(message, { _: message }) : null);
      setFields(byField);
    } finally {
      setBusy(false);
    }
  };

  const textName = command ? (reasonField[command] ?? optionalText[command]) : undefined;
  const party = assignParty(detail.viewerSide);
  const partyAuthorityId = partyAuthority(record, party);

  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }} data-testid="request-actions">
      {detail.actions.includes('edit-draft') ? (
        <Button variant="outlined" startIcon={<EditIcon />} component={Link} to={`/requests/${encodeURIComponent(record.id)}`}>
          {translate('liaison.request.command.edit-draft')}
        </Button>
      ) : null}
      {allowed.map((c) => (
        <Button
          key={c}
          variant={primary.has(c) ? 'contained' : 'outlined'}
          color={dangerous.has(c) ? 'error' : 'primary'}
          startIcon={icons[c]}
          onClick={() => open(c)}
          data-command={c}
        >
          {translate(`liaison.request.command.${c}`)}
        </Button>
      ))}
      <ActionDialog
        open={command !== null}
        title={command ? translate(`liaison.request.confirm.${command}_title`, { number: record.number }) : ''}
        content={command ? translate(`liaison.request.confirm.${command}_content`) : undefined}
        confirmLabel={command ? translate(`liaison.request.command.${command}`) : ''}
        dangerous={command !== null && dangerous.has(command)}
        busy={busy}
        error={error}
        onConfirm={run}
        onClose={() => setCommand(null)}
      >
        <Box sx={{ display: 'grid', gap: 2 }}>
          {command === 'forward' || command === 'split' ? (
            <AuthorityPicker
              name="toAuthorityId"
              label={translate('liaison.request.dialog.target')}
              value={state.target}
              onChange={(target) => set({ target })}
              country={record.respondingCountry}
              area={record.legislationArea}
              excludeId={record.respondingAuthorityId}
              error={fields.toAuthorityId}
            />
          ) : null}
          {command === 'split' ? (
            <FormControl error={!!fields.questionIds} component="fieldset" variant="standard">
              <FormLabel component="legend">{translate('liaison.request.dialog.split_questions')}</FormLabel>
              <FormGroup>
                {detail.questions.map((q) => (
                  <FormControlLabel
                    key={q.id}
                    control={
                      <Checkbox
                        checked={state.questionIds.includes(q.id)}
                        onChange={(e) => set({ questionIds: e.target.checked ? [...state.questionIds, q.id] : state.questionIds.filter((id) => id !== q.id) })}
                      />
                    }
                    label={q.text}
                  />
                ))}
              </FormGroup>
              {fields.questionIds ? <FormHelperText>{fields.questionIds}</FormHelperText> : null}
            </FormControl>
          ) : null}
          {command === 'propose-deadline' ? (
            <TextField
              type="date"
              name="deadline"
              label={translate('liaison.request.dialog.new_deadline')}
              value={state.deadline}
              onChange={(e) => set({ deadline: e.target.value })}
              error={!!fields.deadline}
              helperText={fields.deadline}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          ) : null}
          {command === 'accept' || command === 'change-responder-coordinator' ? (
            <LinkedCoordinators record={record} value={state.coordinatorId} onChange={(coordinatorId) => set({ coordinatorId })} error={fields.responderCoordinatorId} />
          ) : null}
          {command === 'give-opinion' ? (
            <FormControl error={!!fields.agrees}>
              <FormLabel>{translate('liaison.request.dialog.opinion')}</FormLabel>
              <RadioGroup name="agrees" value={state.agrees} onChange={(e) => set({ agrees: e.target.value as 'yes' | 'no' })}>
                <FormControlLabel value="yes" control={<Radio />} label={translate('liaison.request.dialog.opinion_agrees')} />
                <FormControlLabel value="no" control={<Radio />} label={translate('liaison.request.dialog.opinion_disagrees')} />
              </RadioGroup>
              {fields.agrees ? <FormHelperText>{fields.agrees}</FormHelperText> : null}
            </FormControl>
          ) : null}
          {command === 'commission-decision' ? (
            <FormControl error={!!fields.decision}>
              <RadioGroup name="decision" value={state.decision} onChange={(e) => set({ decision: e.target.value as DialogState['decision'] })}>
                <FormControlLabel value="measures-may-apply" control={<Radio />} label={translate('liaison.request.dialog.measures_may_apply')} />
                <FormControlLabel value="measures-stopped" control={<Radio />} label={translate('liaison.request.dialog.measures_stopped')} />
              </RadioGroup>
              {fields.decision ? <FormHelperText>{fields.decision}</FormHelperText> : null}
            </FormControl>
          ) : null}
          {command === 'assign-handlers' && partyAuthorityId ? (
            <HandlerChoice
              requestId={detail.request.id}
              party={party}
              coordinator={party.endsWith('coordinator')}
              value={state.userIds}
              onChange={(userIds) => set({ userIds })}
              error={fields.userIds}
            />
          ) : null}
          {command === 'copy' ? (
            <FormGroup>
              {(['respondingAuthority', 'questions', 'attachments'] as const).map((part) => (
                <FormControlLabel
                  key={part}
                  control={<Checkbox checked={state.copy[part]} onChange={(e) => set({ copy: { ...state.copy, [part]: e.target.checked } })} />}
                  label={translate(`liaison.request.dialog.copy_${part}`)}
                />
              ))}
              <FormHelperText>{translate('liaison.request.dialog.copy_case_data')}</FormHelperText>
            </FormGroup>
          ) : null}
          {textName ? (
            <TextField
              name={textName}
              label={translate(`liaison.request.dialog.${textName}${optionalText[command!] ? '_optional' : ''}`)}
              value={state.reason}
              onChange={(e) => set({ reason: e.target.value })}
              fullWidth
              multiline
              minRows={3}
              required={!!reasonField[command!]}
              error={!!fields[textName]}
              helperText={fields[textName]}
              slotProps={{ htmlInput: { maxLength: 4000 } }}
            />
          ) : null}
        </Box>
      </ActionDialog>
    </Box>
  );
};
