import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  MenuItem,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { AuthorityUserView, UserRoleAssignment } from '../../../schema/users';
import { ActionDialog } from '../dialogs/ActionDialog';
import { serverErrors } from '../dialogs/serverErrors';
import { CopyableText } from '../fields/CopyableText';
import { useLegislationAreas } from '../invitations/AreaWorkflowInputs';
import { liaisonApi } from '../liaisonApi';

/** The roles a local data administrator gives (system-admin is the helpdesk's, not an authority's). */
export const assignableRoles = [
  'local-data-administrator',
  'data-administrator',
  'case-handler',
  'request-observer',
  'allocator',
  'referral-handler',
  'alert-observer',
  'alert-handler',
  'alert-broadcaster',
] as const;

const languages = ['en', 'da', 'de', 'fr'];

/** Roles, each in every area or one area, and optionally one workflow. */
export const RolesEditor = ({ value, onChange }: { value: UserRoleAssignment[]; onChange: (next: UserRoleAssignment[]) => void }) => {
  const translate = useTranslate();
  const { data: areas = [] } = useLegislationAreas();
  const set = (index: number, patch: Partial<UserRoleAssignment>) =>
    onChange(value.map((r, i) => (i === index ? Object.fromEntries(Object.entries({ ...r, ...patch }).filter(([, v]) => v !== '' && v !== undefined)) as UserRoleAssignment : r)));
  return (
    <Box data-testid="roles-editor">
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {translate('liaison.users.roles')}
      </Typography>
      {value.map((r, index) => (
        <Box key={index} sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1, flexWrap: 'wrap' }}>
          <TextField select size="small" label={translate('liaison.users.role')} value={r.role} onChange={(e) => set(index, { role: e.target.value as UserRoleAssignment['role'] })} sx={{ minWidth: 220 }}>
            {[...new Set([...assignableRoles, r.role])].map((role) => (
              <MenuItem key={role} value={role}>
                {translate(`liaison.users.role_name.${role}`, { _: role })}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={translate('liaison.users.area')} value={r.area ?? ''} onChange={(e) => set(index, { area: e.target.value || undefined, workflow: e.target.value ? r.workflow : undefined })} sx={{ minWidth: 200 }}>
            <MenuItem value="">{translate('liaison.users.all_areas')}</MenuItem>
            {areas.map((a) => (
              <MenuItem key={a.code} value={a.code}>
                {a.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={translate('liaison.users.workflow')} value={r.workflow ?? ''} disabled={!r.area} onChange={(e) => set(index, { workflow: (e.target.value || undefined) as UserRoleAssignment['workflow'] })} sx={{ minWidth: 150 }}>
            <MenuItem value="">{translate('liaison.users.all_workflows')}</MenuItem>
            {(areas.find((a) => a.code === r.area)?.workflows ?? []).map((w) => (
              <MenuItem key={w} value={w}>
                {translate(`liaison.invitation.workflow.${w}`)}
              </MenuItem>
            ))}
          </TextField>
          <Tooltip title={translate('liaison.users.remove_role')}>
            <IconButton size="small" onClick={() => onChange(value.filter((_, i) => i !== index))} aria-label={translate('liaison.users.remove_role')}>
              <DeleteOutlineIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Box>
      ))}
      <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={() => onChange([...value, { role: 'case-handler' }])}>
        {translate('liaison.users.add_role')}
      </Button>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate('liaison.users.automatic_roles')}
      </Typography>
    </Box>
  );
};

/** Roles the system adds by itself; the editor shows only what a person chose. */
const automatic = new Set(['ordinary-user']);

/** POST /api/users; on success the username, shown once, with a copy button. */
export const CreateUserDialog = ({ authorityId, authorityName, open, onClose, onCreated }: { authorityId: string; authorityName: string; open: boolean; onClose: () => void; onCreated: () => void }) => {
  const translate = useTranslate();
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', phone: '', preferredLanguage: 'da' });
  const [roles, setRoles] = useState<UserRoleAssignment[]>([{ role: 'case-handler' }]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [username, setUsername] = useState<string | null>(null);
  const close = () => {
    setForm({ firstName: '', lastName: '', email: '', phone: '', preferredLanguage: 'da' });
    setRoles([{ role: 'case-handler' }]);
    setError(null);
    setFields({});
    setUsername(null);
    onClose();
  };
  const create = async () => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const created = await liaisonApi<{ username: string }>('/users', {
        method: 'POST',
        body: { authorityId, ...form, phone: form.phone.trim() || undefined, roles },
      });
      setUsername(created.username);
      onCreated();
    } catch (e) {
      const { message, fields: f } = serverErrors(e);
      setError(message);
      setFields(f);
    } finally {
      setBusy(false);
    }
  };
  const input = (name: keyof typeof form, label: string, type = 'text') => (
    <TextField
      label={translate(label)}
      type={type}
      value={form[name]}
      onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      error={Boolean(fields[name])}
      helperText={fields[name]}
      size="small"
      sx={{ flex: '1 1 220px' }}
    />
  );
  if (username) {
    return (
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>{translate('liaison.users.created_title')}</DialogTitle>
        <DialogContent>
          <Typography variant="caption" color="text.secondary">
            {translate('liaison.users.username')}
          </Typography>
          <Box data-testid="created-username" sx={{ mb: 2 }}>
            <CopyableText value={username} variant="h6" />
          </Box>
          <Alert severity="warning">{translate('liaison.users.created_note')}</Alert>
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={close}>
            {translate('ra.action.close')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }
  return (
    <ActionDialog
      open={open}
      title={translate('liaison.users.create_title', { authority: authorityName })}
      confirmLabel={translate('liaison.users.create')}
      busy={busy}
      error={error}
      onConfirm={create}
      onClose={close}
    >
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', pt: 1 }}>
        {input('firstName', 'liaison.users.first_name')}
        {input('lastName', 'liaison.users.last_name')}
        {input('email', 'liaison.users.email', 'email')}
        {input('phone', 'liaison.users.phone')}
        <TextField select size="small" label={translate('liaison.users.language')} value={form.preferredLanguage} onChange={(e) => setForm({ ...form, preferredLanguage: e.target.value })} sx={{ flex: '1 1 160px' }}>
          {languages.map((l) => (
            <MenuItem key={l} value={l}>
              {translate(`liaison.language.${l}`)}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <RolesEditor value={roles} onChange={setRoles} />
      {fields.roles ? (
        <Alert severity="error" sx={{ mt: 1 }}>
          {fields.roles}
        </Alert>
      ) : null}
    </ActionDialog>
  );
};

/** PATCH /api/users/{id}/roles; the API's 409 names the rule a change would break. */
export const ChangeRolesDialog = ({ user, onClose, onChanged }: { user: AuthorityUserView; onClose: () => void; onChanged: (name: string) => void }) => {
  const translate = useTranslate();
  const [roles, setRoles] = useState<UserRoleAssignment[]>(user.roles.filter((r) => !(automatic.has(r.role) && !r.area)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `${user.firstName} ${user.lastName}`;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await liaisonApi(`/users/${encodeURIComponent(user.id)}/roles`, { method: 'PATCH', body: { roles } });
      onChanged(name);
    } catch (e) {
      const { message, fields } = serverErrors(e);
      setError([message, fields.roles].filter(Boolean).join(' — '));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ActionDialog open title={translate('liaison.users.change_roles_title', { name })} confirmLabel={translate('ra.action.save')} busy={busy} error={error} onConfirm={save} onClose={onClose}>
      <RolesEditor value={roles} onChange={setRoles} />
    </ActionDialog>
  );
};

/** DELETE /api/users/{id}, after a confirmation; the API's 409 (a required role would be lost) stays in the dialog. */
export const RemoveUserDialog = ({ user, onClose, onRemoved }: { user: AuthorityUserView; onClose: () => void; onRemoved: (name: string) => void }) => {
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `${user.firstName} ${user.lastName}`;
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await liaisonApi(`/users/${encodeURIComponent(user.id)}`, { method: 'DELETE' });
      onRemoved(name);
    } catch (e) {
      setError(serverErrors(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ActionDialog
      open
      title={translate('liaison.users.remove_title', { name })}
      content={translate('liaison.users.remove_content')}
      confirmLabel={translate('liaison.users.remove')}
      dangerous
      busy={busy}
      error={error}
      onConfirm={remove}
      onClose={onClose}
    />
  );
};
