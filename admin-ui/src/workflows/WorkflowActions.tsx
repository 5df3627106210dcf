import CancelIcon from '@mui/icons-material/CancelOutlined';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import SendIcon from '@mui/icons-material/Send';
import StopCircleIcon from '@mui/icons-material/StopCircleOutlined';
import { Button, Menu, MenuItem, TextField, Tooltip } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TopToolbar, useDataProvider, useNotify, useRecordContext, useRedirect, useRefresh, useTranslate } from 'react-admin';
import type { OpsActionResult } from '../../../schema/ops';
import type { LiaisonDataProvider, WorkflowAction, WorkflowDetailRecord } from '../dataProvider';
import { ActionDialog } from '../dialogs/ActionDialog';
import { serverErrors } from '../dialogs/serverErrors';
import { isRunRecordId, workflowRunRecordId } from './workflowRecordId';

type DialogKind = 'signal' | 'cancel' | 'terminate' | 'reset-first' | 'reset-last';

/** The signal's arguments as typed: a JSON array, or the reason it is not one. */
function parseSignalArgs(text: string): { args: unknown[] } | { error: string; detail?: string } {
  if (!text.trim()) return { args: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: 'liaison.workflow.actions.signal_args_invalid', detail: (error as Error).message };
  }
  return Array.isArray(value) ? { args: value } : { error: 'liaison.workflow.actions.signal_args_not_array' };
}

const monospace = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 };

const WorkflowActionDialog = ({
  kind,
  record,
  onClose,
}: {
  kind: DialogKind;
  record: WorkflowDetailRecord;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<LiaisonDataProvider>();
  const [signalName, setSignalName] = useState('');
  const [argsText, setArgsText] = useState('[]');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);

  const mutation = useMutation<OpsActionResult, Error, WorkflowAction>({
    mutationFn: (command) => dataProvider.workflowAction(record.workflowId, command),
    onSuccess: (result, command) => {
      const message =
        command.action === 'signal'
          ? translate('liaison.workflow.actions.done_signal', { name: command.body.signalName })
          : command.action === 'reset'
            ? translate('liaison.workflow.actions.done_reset', { runId: result.newRunId ?? '—' })
            : translate(`liaison.workflow.actions.done_${command.action}`);
      notify(message, { type: 'success', autoHideDuration: command.action === 'reset' ? 10_000 : 4000 });
      void queryClient.invalidateQueries({ queryKey: ['workflows'] });
      void queryClient.invalidateQueries({ queryKey: ['ops-audit'] });
      // A page showing one particular run follows a reset to the new run; a page showing the
      // latest run gets it by refreshing.
      if (command.action === 'reset' && result.newRunId && isRunRecordId(record.id)) {
        redirect('show', 'workflows', workflowRunRecordId(record.workflowId, result.newRunId));
      } else {
        refresh();
      }
      onClose();
    },
  });

  const args = parseSignalArgs(argsText);
  const reasonRequired = kind === 'terminate' || kind.startsWith('reset');
  const missingReason = reasonRequired && !reason.trim();
  const missingName = kind === 'signal' && !signalName.trim();
  const badArgs = kind === 'signal' && 'error' in args;
  const { message, fields } = serverErrors(mutation.error);

  const confirm = () => {
    setTouched(true);
    if (missingReason || missingName || badArgs) return;
    const why = reason.trim() || undefined;
    const runId = record.runId;
    const command: WorkflowAction =
      kind === 'signal'
        ? { action: 'signal', body: { signalName: signalName.trim(), args: 'args' in args ? args.args : [], reason: why, runId } }
        : kind === 'cancel'
          ? { action: 'cancel', body: { reason: why, runId } }
          : kind === 'terminate'
            ? { action: 'terminate', body: { reason: why!, runId } }
            : {
                action: 'reset',
                body: { to: kind === 'reset-first' ? 'first-workflow-task' : 'last-workflow-task', reason: why!, runId },
              };
    mutation.mutate(command);
  };

  const id = record.workflowId;
  const titles: Record<DialogKind, string> = {
    signal: translate('liaison.workflow.actions.signal_title', { id }),
    cancel: translate('liaison.workflow.actions.cancel_title', { id }),
    terminate: translate('liaison.workflow.actions.terminate_title', { id }),
    'reset-first': translate('liaison.workflow.actions.reset_title_first', { id }),
    'reset-last': translate('liaison.workflow.actions.reset_title_last', { id }),
  };
  const contents: Record<DialogKind, string | undefined> = {
    signal: undefined,
    cancel: translate('liaison.workflow.actions.cancel_content'),
    terminate: translate('liaison.workflow.actions.terminate_content'),
    'reset-first': translate('liaison.workflow.actions.reset_content'),
    'reset-last': translate('liaison.workflow.actions.reset_content'),
  };
  const argsError =
    'error' in args ? translate(args.error, { error: args.detail ?? '' }) : fields.args ? fields.args : undefined;

  return (
    <ActionDialog
      open
      title={titles[kind]}
      content={contents[kind]}
      confirmLabel={translate(kind === 'signal' ? 'liaison.workflow.actions.signal' : 'liaison.workflow.actions.confirm')}
      dangerous={kind !== 'signal'}
      busy={mutation.isPending}
      error={message ? translate(message, { _: message }) : null}
      onConfirm={confirm}
      onClose={onClose}
    >
      {kind === 'signal' ? (
        <>
          <TextField
            autoFocus
            fullWidth
            required
            margin="dense"
            label={translate('liaison.workflow.actions.signal_name')}
            value={signalName}
            onChange={(e) => setSignalName(e.target.value)}
            error={(touched && missingName) || Boolean(fields.signalName)}
            helperText={fields.signalName ?? (touched && missingName ? translate('ra.validation.required') : ' ')}
            slotProps={{ htmlInput: { style: monospace, 'data-testid': 'signal-name' } }}
          />
          <TextField
            fullWidth
            multiline
            minRows={4}
            margin="dense"
            label={translate('liaison.workflow.actions.signal_args')}
            value={argsText}
            onChange={(e) => setArgsText(e.target.value)}
            error={Boolean(argsError)}
            helperText={argsError ?? translate('liaison.workflow.actions.signal_args_help')}
            slotProps={{ htmlInput: { style: monospace, spellCheck: false } }}
          />
        </>
      ) : null}
      <TextField
        autoFocus={kind !== 'signal'}
        fullWidth
        required={reasonRequired}
        margin="dense"
        multiline
        minRows={2}
        label={translate(reasonRequired ? 'liaison.workflow.actions.reason' : 'liaison.workflow.actions.reason_optional')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={(touched && missingReason) || Boolean(fields.reason)}
        helperText={
          fields.reason ??
          (reasonRequired ? translate('liaison.workflow.actions.reason_required') : ' ')
        }
      />
    </ActionDialog>
  );
};

/**
 * What an operator can do to a workflow, each behind a confirmation: signal, cancel and terminate
 * a running one; reset any run to its first or last workflow task.
 */
export const WorkflowActions = () => {
  const record = useRecordContext<WorkflowDetailRecord>();
  const translate = useTranslate();
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [resetMenu, setResetMenu] = useState<HTMLElement | null>(null);
  if (!record) return <TopToolbar />;
  const running = record.status === 'Running';
  const reset = record.reset;
  const resetButton = (
    <span>
      <Button
        startIcon={<RestartAltIcon />}
        disabled={!reset.possible}
        onClick={(e) => setResetMenu(e.currentTarget)}
        aria-haspopup="menu"
      >
        {translate('liaison.workflow.actions.reset')}
      </Button>
    </span>
  );
  return (
    <TopToolbar>
      {running ? (
        <>
          <Button startIcon={<SendIcon />} onClick={() => setDialog('signal')}>
            {translate('liaison.workflow.actions.signal')}
          </Button>
          <Button startIcon={<CancelIcon />} onClick={() => setDialog('cancel')}>
            {translate('liaison.workflow.actions.cancel')}
          </Button>
          <Button startIcon={<StopCircleIcon />} color="error" onClick={() => setDialog('terminate')}>
            {translate('liaison.workflow.actions.terminate')}
          </Button>
        </>
      ) : null}
      {reset.possible ? (
        resetButton
      ) : (
        <Tooltip title={translate('liaison.workflow.actions.reset_not_possible', { reason: reset.reason ?? '' })}>
          {resetButton}
        </Tooltip>
      )}
      <Menu anchorEl={resetMenu} open={Boolean(resetMenu)} onClose={() => setResetMenu(null)}>
        <MenuItem
          disabled={reset.firstWorkflowTaskEventId === null}
          onClick={() => {
            setResetMenu(null);
            setDialog('reset-first');
          }}
        >
          {translate('liaison.workflow.actions.reset_first')}
        </MenuItem>
        <MenuItem
          disabled={reset.lastWorkflowTaskEventId === null}
          onClick={() => {
            setResetMenu(null);
            setDialog('reset-last');
          }}
        >
          {translate('liaison.workflow.actions.reset_last')}
        </MenuItem>
      </Menu>
      {dialog ? <WorkflowActionDialog key={dialog} kind={dialog} record={record} onClose={() => setDialog(null)} /> : null}
    </TopToolbar>
  );
};
