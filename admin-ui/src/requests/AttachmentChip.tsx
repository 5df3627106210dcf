import AttachFileIcon from '@mui/icons-material/AttachFile';
import LockIcon from '@mui/icons-material/Lock';
import { Chip } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { serverErrors } from '../dialogs/serverErrors';
import { downloadAttachment, type RequestDetailRecord } from './requestApi';

type Attachment = RequestDetailRecord['detail']['attachments'][number];

/** An attachment beside its question or message: a click downloads it, a locked one shows a lock. */
export const AttachmentChip = ({ requestId, attachment }: { requestId: string; attachment: Attachment }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const download = () =>
    downloadAttachment(requestId, attachment).catch((e) => notify(serverErrors(e).message ?? 'ra.notification.http_error', { type: 'error' }));
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={attachment.locked ? <LockIcon /> : <AttachFileIcon />}
      label={attachment.fileName}
      title={attachment.locked ? translate('liaison.request.attachment_locked') : undefined}
      onClick={attachment.locked ? undefined : () => void download()}
      sx={{ mt: 0.5, mr: 0.5 }}
      data-locked={attachment.locked ? 'true' : 'false'}
    />
  );
};
