import CheckCircleIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import UndoIcon from '@mui/icons-material/Undo';
import { Button, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TopToolbar, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { ContactCheckRecord, LiaisonDataProvider } from '../dataProvider';
import { ActionDialog } from '../dialogs/ActionDialog';
import { serverErrors } from '../dialogs/serverErrors';
import { isAwaitingAnswer } from './contactCheckStatus';

type Kind = 'confirm' | 'withdraw';

const ContactCheckActionDialog = ({ kind, record, onClose }: { kind: Kind; record: ContactCheckRecord; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<LiaisonDataProvider>();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const mutation = useMutation({
    mutationFn: () =>
      kind === 'confirm'
        ? dataProvider.confirmContactCheck(String(record.id), { note: text.trim() || undefined })
        : dataProvider.withdrawContactCheck(String(record.id), { reason: text.trim() }),
    onSuccess: () => {
      notify(`liaison.contactCheck.actions.done_${kind}`, { type: 'success' });
      void queryClient.invalidateQueries({ queryKey: ['contact-checks'] });
      refresh();
      onClose();
    },
  });
  const tooShort = kind === 'withdraw' && text.trim().length < 3;
  const { message, fields } = serverErrors(mutation.error);
  const field = kind === 'confirm' ? 'note' : 'reason';
  const t = (key: string) => translate(`liaison.contactCheck.actions.${key}`, { authority: record.authorityRef });
  return (
    <ActionDialog
      open
      title={t(`${kind}_title`)}
      content={t(`${kind}_content`)}
      confirmLabel={t(kind)}
      dangerous={kind === 'withdraw'}
      busy={mutation.isPending}
      error={message ? translate(message, { _: message }) : null}
      onConfirm={() => {
        setTouched(true);
        if (!tooShort) mutation.mutate();
      }}
      onClose={onClose}
    >
      <TextField
        autoFocus
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        required={kind === 'withdraw'}
        label={t(kind === 'confirm' ? 'note' : 'reason')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={(touched && tooShort) || Boolean(fields[field])}
        helperText={fields[field] ?? (kind === 'withdraw' ? t('reason_help') : ' ')}
        slotProps={{ htmlInput: { maxLength: 500, name: field } }}
      />
    </ActionDialog>
  );
};

/** Confirm and Withdraw, offered only while the check waits for an answer (open or overdue). */
export const ContactCheckActions = () => {
  const record = useRecordContext<ContactCheckRecord>();
  const translate = useTranslate();
  const [dialog, setDialog] = useState<Kind | null>(null);
  if (!record || !isAwaitingAnswer(record.status)) return <TopToolbar />;
  return (
    <TopToolbar>
      <Button variant="contained" startIcon={<CheckCircleIcon />} onClick={() => setDialog('confirm')}>
        {translate('liaison.contactCheck.actions.confirm')}
      </Button>
      <Button color="error" startIcon={<UndoIcon />} onClick={() => setDialog('withdraw')}>
        {translate('liaison.contactCheck.actions.withdraw')}
      </Button>
      {dialog ? <ContactCheckActionDialog key={dialog} kind={dialog} record={record} onClose={() => setDialog(null)} /> : null}
    </TopToolbar>
  );
};
