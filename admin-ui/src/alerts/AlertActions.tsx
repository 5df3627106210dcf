import AddLocationAltIcon from '@mui/icons-material/AddLocationAlt';
import AltRouteIcon from '@mui/icons-material/AltRoute';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import CampaignIcon from '@mui/icons-material/Campaign';
import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CommentIcon from '@mui/icons-material/Comment';
import DeleteIcon from '@mui/icons-material/Delete';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import EditIcon from '@mui/icons-material/Edit';
import GavelIcon from '@mui/icons-material/Gavel';
import InfoIcon from '@mui/icons-material/Info';
import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import PlaceIcon from '@mui/icons-material/Place';
import SendIcon from '@mui/icons-material/Send';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import ThumbDownIcon from '@mui/icons-material/ThumbDown';
import UndoIcon from '@mui/icons-material/Undo';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
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
import { useState, type ReactNode } from 'react';
import { useGetList, useLocaleState, useNotify, useRedirect, useRefresh, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { AuthoritySummary } from '../../../schema/authorityDirectory';
import { ActionDialog } from '../dialogs/ActionDialog';
import { useCommandAttempt } from '../dialogs/commandAttempt';
import { serverErrors } from '../dialogs/serverErrors';
import type { ReferenceRecord } from '../referenceData/referenceDataProvider';
import { AuthorityPicker } from '../requests/AuthorityPicker';
import { alertCommand, toNewAlertFile, type AlertCommandName, type AlertDetailRecord } from './alertApi';
import { useAlertDetail } from './useAlertDetail';
import { useAlertCoordinators } from './useAlertCoordinators';

/** Every command with a button (edit-draft opens the wizard instead of a dialog). */
const buttonCommands = [
  'submit',
  'accept',
  'pass',
  'broadcast',
  'acknowledge',
  'forward',
  'remove-recipient',
  'edit-content',
  'add-target-countries',
  'change-establishment-country',
  'submit-item',
  'edit-item',
  'broadcast-item',
  'decline-item',
  'delete-item',
  'propose-closure',
  'comment-on-closure',
  'edit-closure-proposal',
  'broadcast-closure-proposal',
  'cancel-closure-proposal',
  'close',
  'submit-withdrawal',
  'broadcast-withdrawal',
  'cancel-withdrawal',
  'delete',
] as const satisfies readonly AlertCommandName[];
type ButtonCommand = (typeof buttonCommands)[number];

const icons: Record<ButtonCommand, ReactNode> = {
  submit: <SendIcon />,
  accept: <CheckCircleIcon />,
  pass: <SwapHorizIcon />,
  broadcast: <CampaignIcon />,
  acknowledge: <DoneAllIcon />,
  forward: <AltRouteIcon />,
  'remove-recipient': <PersonRemoveIcon />,
  'edit-content': <EditIcon />,
  'add-target-countries': <AddLocationAltIcon />,
  'change-establishment-country': <PlaceIcon />,
  'submit-item': <InfoIcon />,
  'edit-item': <EditIcon />,
  'broadcast-item': <CampaignIcon />,
  'decline-item': <ThumbDownIcon />,
  'delete-item': <DeleteIcon />,
  'propose-closure': <GavelIcon />,
  'comment-on-closure': <CommentIcon />,
  'edit-closure-proposal': <EditIcon />,
  'broadcast-closure-proposal': <CampaignIcon />,
  'cancel-closure-proposal': <CancelIcon />,
  close: <TaskAltIcon />,
  'submit-withdrawal': <UndoIcon />,
  'broadcast-withdrawal': <CampaignIcon />,
  'cancel-withdrawal': <CancelIcon />,
  delete: <DeleteIcon />,
};
const primary = new Set<ButtonCommand>(['submit', 'accept', 'broadcast', 'acknowledge', 'forward', 'broadcast-item', 'broadcast-closure-proposal', 'close', 'broadcast-withdrawal']);
const dangerous = new Set<ButtonCommand>(['delete', 'submit-withdrawal', 'remove-recipient', 'decline-item', 'delete-item', 'cancel-closure-proposal']);
/** Commands about one two-step item: the dialog picks it among those still waiting for broadcast. */
const itemCommands = new Set<ButtonCommand>(['edit-item', 'broadcast-item', 'decline-item', 'delete-item']);
/** Commands with a free text (required). */
const textCommands = new Set<ButtonCommand>(['submit-item', 'edit-item', 'propose-closure', 'comment-on-closure', 'edit-closure-proposal', 'submit-withdrawal']);

const informationKinds = ['additional-information', 'clarification-request', 'objection', 'suggestion-to-close'] as const;
type InformationKind = (typeof informationKinds)[number];

interface DialogState {
  text: string;
  kind: InformationKind;
  coordinatorId: string;
  itemId: string;
  authorityId: string;
  target: AuthoritySummary | null;
  targets: AuthoritySummary[];
  countries: string[];
  country: string;
  addressedToCountry: string;
  commentIds: string[];
  files: File[];
  providerName: string;
  description: string;
  suggestedAuthorities: string;
}
const emptyState = (): DialogState => ({
  text: '',
  kind: 'additional-information',
  coordinatorId: '',
  itemId: '',
  authorityId: '',
  target: null,
  targets: [],
  countries: [],
  country: '',
  addressedToCountry: '',
  commentIds: [],
  files: [],
  providerName: '',
  description: '',
  suggestedAuthorities: '',
});

/** The state a dialog opens with: what it edits, prefilled. */
const initialState = (command: ButtonCommand, record: AlertDetailRecord): DialogState => {
  const { detail } = record;
  const base = emptyState();
  const waiting = detail.items.filter((i) => i.status === 'submitted');
  switch (command) {
    case 'edit-content':
      return { ...base, providerName: detail.provider?.name ?? '', description: detail.description ?? '', suggestedAuthorities: detail.suggestedAuthorities ?? '' };
    case 'edit-closure-proposal':
      return { ...base, text: detail.closure?.proposal ?? '' };
    case 'broadcast-closure-proposal':
      // All comments attached unless the broadcaster leaves some out.
      return { ...base, commentIds: detail.closure?.comments.map((c) => c.id) ?? [] };
    case 'change-establishment-country':
      return { ...base, country: record.establishmentCountry ?? '' };
    default:
      if (itemCommands.has(command) && waiting.length === 1) return { ...base, itemId: waiting[0]!.id, text: command === 'edit-item' ? (waiting[0]!.text ?? '') : '' };
      return base;
  }
};

/** The coordinator an item or a closure proposal goes to: the user's authority's linked alert coordinators. */
const CoordinatorChoice = ({ value, onChange, error, label }: { value: string; onChange: (id: string) => void; error?: string; label: string }) => {
  const translate = useTranslate();
  const { data, error: failure, isPending } = useAlertCoordinators();
  if (failure) return <FormHelperText error>{(failure as Error).message}</FormHelperText>;
  const coordinators = data?.coordinators ?? [];
  if (!isPending && coordinators.length === 0) return <Alert severity="warning">{translate('liaison.alert.dialog.no_coordinator')}</Alert>;
  return (
    <TextField select fullWidth name="coordinatorId" label={label} value={value} onChange={(e) => onChange(e.target.value)} error={!!error} helperText={error}>
      {coordinators.map((c) => (
        <MenuItem key={c.id} value={c.id}>
          {c.officialName} ({c.countryCode})
        </MenuItem>
      ))}
    </TextField>
  );
};

/** The countries of the reference data, as chips to tick (add countries) or a list to choose one (establishment). */
const useCountries = () =>
  useGetList<ReferenceRecord<'countries'>>('countries', { pagination: { page: 1, perPage: 100 }, sort: { field: 'nameEn', order: 'ASC' } });

/**
 * The buttons of the commands the API says this user may perform now (`actions`), nothing else;
 * each opens a dialog with the inputs the command needs, shows progress while it runs and the
 * API's refusal (403/409 reason, or field messages under the inputs).
 */
export const AlertActions = () => {
  const record = useAlertDetail();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const [locale] = useLocaleState();
  const countries = useCountries();
  const mine = useAlertCoordinators();
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
  const t = (key: string, options?: Record<string, unknown>) => translate(`liaison.alert.dialog.${key}`, options);
  const required = t('required');

  const open = (next: ButtonCommand) => {
    attempt.reset();
    setCommand(next);
    setState(initialState(next, record));
    setError(null);
    setFields({});
  };

  const waitingItems = detail.items.filter((i) => i.status === 'submitted');
  /** Recipients a mailbox broadcaster may remove: forwarded ones that have not acted and are still there. */
  const removable = detail.countries.flatMap((c) =>
    c.recipients.filter((r) => (r.kind === 'authority' || r.kind === 'coordinator') && !r.actedAt && !r.removedAt).map((r) => ({ ...r, country: c.country })),
  );
  // Forwarding stays inside the forwarder's country.
  const forwardCountry = mine.data?.country ?? undefined;
  /** Countries a clarification may be asked of (6.3.5): the originating one and those whose information was broadcast, never one's own. */
  const askable = [
    ...new Set([record.originatingCountry, ...detail.items.filter((i) => i.kind === 'additional-information' && i.status === 'broadcast').map((i) => i.country)]),
  ].filter((c) => c !== forwardCountry);

  /** The command's body, or the name of the input still missing. */
  const bodyOf = async (c: ButtonCommand): Promise<Record<string, unknown> | undefined | { missing: string }> => {
    const text = state.text.trim();
    if (textCommands.has(c) && !text) return { missing: 'text' };
    if (itemCommands.has(c) && !state.itemId) return { missing: 'itemId' };
    switch (c) {
      case 'pass':
        return state.target ? { toCoordinatorId: state.target.id } : { missing: 'toCoordinatorId' };
      case 'forward':
        return state.targets.length ? { authorityIds: state.targets.map((a) => a.id) } : { missing: 'authorityIds' };
      case 'remove-recipient':
        return state.authorityId ? { authorityId: state.authorityId } : { missing: 'authorityId' };
      case 'add-target-countries':
        return state.countries.length ? { countries: state.countries } : { missing: 'countries' };
      case 'change-establishment-country':
        return { establishmentCountry: state.country || null };
      case 'edit-content': {
        const body: Record<string, unknown> = {};
        if (detail.provider && state.providerName.trim() && state.providerName.trim() !== detail.provider.name) body.provider = { ...detail.provider, name: state.providerName.trim() };
        if (state.description.trim() && state.description.trim() !== (detail.description ?? '')) Object.assign(body, { description: state.description.trim(), descriptionLanguage: locale });
        if (state.suggestedAuthorities.trim() !== (detail.suggestedAuthorities ?? '')) body.suggestedAuthorities = state.suggestedAuthorities.trim() || null;
        if (state.files.length) body.files = await Promise.all(state.files.map(toNewAlertFile));
        return Object.keys(body).length ? body : { missing: 'provider' };
      }
      case 'submit-item': {
        if (state.kind !== 'objection' && !state.coordinatorId) return { missing: 'coordinatorId' };
        if (state.kind === 'clarification-request' && !state.addressedToCountry) return { missing: 'addressedToCountry' };
        return {
          kind: state.kind,
          text,
          language: locale,
          coordinatorId: state.kind === 'objection' ? null : state.coordinatorId,
          addressedToCountry: state.kind === 'clarification-request' ? state.addressedToCountry : null,
          files: await Promise.all(state.files.map(toNewAlertFile)),
        };
      }
      case 'edit-item':
        return { itemId: state.itemId, text, language: locale };
      case 'broadcast-item':
      case 'decline-item':
      case 'delete-item':
        return { itemId: state.itemId };
      case 'propose-closure':
        return state.coordinatorId ? { text, language: locale, closureCoordinatorId: state.coordinatorId } : { missing: 'closureCoordinatorId' };
      case 'comment-on-closure':
      case 'edit-closure-proposal':
      case 'submit-withdrawal':
        return { text, language: locale };
      case 'broadcast-closure-proposal':
        return { commentIds: state.commentIds };
      default:
        return undefined;
    }
  };

  const run = async () => {
    if (!command) return;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const body = await bodyOf(command);
      if (body && 'missing' in body) {
        setFields({ [String(body.missing)]: body.missing === 'provider' ? t('nothing_changed') : required });
        return;
      }
      await alertCommand(record.id, command, body, attempt.key());
      attempt.settled();
      notify(`liaison.alert.done.${command}`, { type: 'success' });
      setCommand(null);
      // Once passed on, the passing coordinator no longer sees the alert: reloading it would only
      // answer 404 ("does not exist") after a success, so it goes back to its action list.
      if (command === 'pass') redirect('/alert-actions');
      else refresh();
    } catch (e) {
      attempt.settled(e);
      const { message, fields: byField } = serverErrors(e);
      setError(message ? translate(message, { _: message }) : null);
      setFields(byField);
    } finally {
      setBusy(false);
    }
  };

  const countryChoices = (countries.data ?? []).filter((c) => !c.retired);
  const textField = (label: string) => (
    <TextField
      name="text"
      label={label}
      value={state.text}
      onChange={(e) => set({ text: e.target.value })}
      fullWidth
      multiline
      minRows={3}
      required
      error={!!fields.text}
      helperText={fields.text}
      slotProps={{ htmlInput: { maxLength: 8000 } }}
    />
  );
  const filePicker = (
    <Box>
      <Button component="label" variant="outlined" size="small" startIcon={<AttachFileIcon />}>
        {t('attach_files')}
        <input hidden multiple type="file" data-testid="alert-dialog-files" onChange={(e) => set({ files: [...state.files, ...Array.from(e.target.files ?? [])] })} />
      </Button>
      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 1 }}>
        {state.files.map((f, i) => (
          <Chip key={`${f.name}-${i}`} size="small" icon={<AttachFileIcon />} label={f.name} onDelete={() => set({ files: state.files.filter((_, j) => j !== i) })} />
        ))}
      </Box>
    </Box>
  );
  const itemChoice = (
    <TextField select fullWidth name="itemId" label={t('item')} value={state.itemId} error={!!fields.itemId} helperText={fields.itemId}
      onChange={(e) => {
        const item = waitingItems.find((i) => i.id === e.target.value);
        set({ itemId: e.target.value, ...(command === 'edit-item' ? { text: item?.text ?? '' } : {}) });
      }}
    >
      {waitingItems.map((i) => (
        <MenuItem key={i.id} value={i.id}>
          {translate(`liaison.alert.item_kind.${i.kind}`)} · {i.country}
          {i.text ? ` · ${i.text.slice(0, 60)}` : ''}
        </MenuItem>
      ))}
    </TextField>
  );

  const dialogBody: Partial<Record<ButtonCommand, ReactNode>> = {
    pass: (
      <AuthorityPicker
        name="toCoordinatorId"
        label={t('pass_to')}
        value={state.target}
        onChange={(target) => set({ target })}
        country={record.originatingCountry}
        area="services"
        coordinatorsOnly
        excludeId={record.alertCoordinatorId ?? undefined}
        error={fields.toCoordinatorId}
      />
    ),
    forward: (
      <>
        <Box data-testid="forward-suggested">
          <Typography variant="subtitle2">{t('suggested_by_sender')}</Typography>
          {detail.suggestedAuthorities ? (
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', bgcolor: 'action.hover', p: 1, borderRadius: 1 }}>
              {detail.suggestedAuthorities}
            </Typography>
          ) : (
            <Typography variant="body2" color="text.secondary">
              {t(detail.personalDataVisible ? 'no_suggestions' : 'suggestions_hidden')}
            </Typography>
          )}
        </Box>
        {/* A fresh, empty picker after each choice (the key), the chosen ones as chips below. */}
        <AuthorityPicker
          key={state.targets.length}
          name="authorityIds"
          label={t('forward_to')}
          value={null}
          onChange={(a) => {
            if (!a || state.targets.some((x) => x.id === a.id)) return;
            set({ targets: [...state.targets, a] });
            setFields(({ authorityIds: _done, ...rest }) => rest);
          }}
          country={forwardCountry}
          area="services"
          error={fields.authorityIds}
        />
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }} data-testid="forward-targets">
          {state.targets.map((a) => (
            <Chip key={a.id} label={`${a.officialName} (${a.countryCode})`} onDelete={() => set({ targets: state.targets.filter((x) => x.id !== a.id) })} />
          ))}
        </Box>
      </>
    ),
    'remove-recipient': (
      <TextField select fullWidth name="authorityId" label={t('recipient')} value={state.authorityId} onChange={(e) => set({ authorityId: e.target.value })} error={!!fields.authorityId} helperText={fields.authorityId ?? t('remove_hint')}>
        {removable.map((r) => (
          <MenuItem key={r.authorityId} value={r.authorityId}>
            {r.authorityName ?? r.authorityId} ({r.country})
          </MenuItem>
        ))}
      </TextField>
    ),
    'add-target-countries': (
      <FormControl error={!!fields.countries} component="fieldset" variant="standard">
        <FormLabel component="legend">{t('countries')}</FormLabel>
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 1 }}>
          {countryChoices
            .filter((c) => c.id !== record.originatingCountry && !record.targetCountries.includes(c.id))
            .map((c) => {
              const on = state.countries.includes(c.id);
              return (
                <Chip key={c.id} label={c.id} title={c.nameEn} color={on ? 'primary' : 'default'} variant={on ? 'filled' : 'outlined'} data-country={c.id}
                  onClick={() => set({ countries: on ? state.countries.filter((x) => x !== c.id) : [...state.countries, c.id] })} />
              );
            })}
        </Box>
        {fields.countries ? <FormHelperText>{fields.countries}</FormHelperText> : null}
      </FormControl>
    ),
    'change-establishment-country': (
      <TextField select fullWidth name="establishmentCountry" label={translate('resources.alerts.fields.establishmentCountry')} value={state.country} onChange={(e) => set({ country: e.target.value })} error={!!fields.establishmentCountry} helperText={fields.establishmentCountry}>
        <MenuItem value="">
          <em>{translate('liaison.alert.unknown_country')}</em>
        </MenuItem>
        {countryChoices.map((c) => (
          <MenuItem key={c.id} value={c.id}>
            {c.nameEn} ({c.id})
          </MenuItem>
        ))}
      </TextField>
    ),
    'edit-content': (
      <>
        {detail.provider ? (
          <TextField name="provider" label={translate('liaison.alert.provider.name')} value={state.providerName} onChange={(e) => set({ providerName: e.target.value })} error={!!fields.provider} helperText={fields.provider} />
        ) : null}
        <TextField name="description" label={translate('liaison.alert.section.description')} value={state.description} onChange={(e) => set({ description: e.target.value })} multiline minRows={4} error={!!fields.description} helperText={fields.description} />
        <TextField name="suggestedAuthorities" label={translate('liaison.alert.section.suggested')} value={state.suggestedAuthorities} onChange={(e) => set({ suggestedAuthorities: e.target.value })} multiline minRows={2} />
        {filePicker}
      </>
    ),
    'submit-item': (
      <>
        <FormControl>
          <FormLabel>{t('kind')}</FormLabel>
          <RadioGroup name="kind" value={state.kind} onChange={(e) => set({ kind: e.target.value as InformationKind })}>
            {informationKinds
              .filter((k) => k !== 'objection' || record.status === 'closure-open-for-objections')
              .map((k) => (
                <FormControlLabel key={k} value={k} control={<Radio />} label={translate(`liaison.alert.item_kind.${k}`)} />
              ))}
          </RadioGroup>
        </FormControl>
        {state.kind === 'objection' ? (
          <Typography variant="body2" color="text.secondary">
            {t('objection_goes_to_closure_coordinator')}
          </Typography>
        ) : (
          <CoordinatorChoice label={t('coordinator')} value={state.coordinatorId} onChange={(coordinatorId) => set({ coordinatorId })} error={fields.coordinatorId} />
        )}
        {state.kind === 'clarification-request' ? (
          <TextField select fullWidth name="addressedToCountry" label={t('addressed_to_country')} value={state.addressedToCountry} onChange={(e) => set({ addressedToCountry: e.target.value })} error={!!fields.addressedToCountry} helperText={fields.addressedToCountry}>
            {askable.map((c) => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
        {textField(t('text'))}
        {filePicker}
      </>
    ),
    'edit-item': (
      <>
        {itemChoice}
        {textField(t('text'))}
      </>
    ),
    'broadcast-item': itemChoice,
    'decline-item': itemChoice,
    'delete-item': itemChoice,
    'propose-closure': (
      <>
        <CoordinatorChoice label={t('closure_coordinator')} value={state.coordinatorId} onChange={(coordinatorId) => set({ coordinatorId })} error={fields.closureCoordinatorId} />
        {textField(t('closure_reason'))}
      </>
    ),
    'comment-on-closure': textField(t('comment')),
    'edit-closure-proposal': textField(t('closure_reason')),
    'submit-withdrawal': textField(t('withdrawal_reason')),
    'broadcast-closure-proposal': (
      <FormControl component="fieldset" variant="standard">
        <FormLabel component="legend">{t('attach_comments')}</FormLabel>
        {detail.closure?.comments.length ? (
          <FormGroup>
            {detail.closure.comments.map((c, i) => (
              <FormControlLabel
                key={c.id}
                control={
                  <Checkbox
                    checked={state.commentIds.includes(c.id)}
                    onChange={(e) => set({ commentIds: e.target.checked ? [...state.commentIds, c.id] : state.commentIds.filter((x) => x !== c.id) })}
                  />
                }
                label={c.text ? c.text.slice(0, 120) : t('comment_n', { n: i + 1 })}
              />
            ))}
          </FormGroup>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('no_comments')}
          </Typography>
        )}
      </FormControl>
    ),
  };

  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }} data-testid="alert-actions">
      {detail.actions.includes('edit-draft') ? (
        <Button variant="outlined" startIcon={<EditIcon />} component={Link} to={`/alerts/${encodeURIComponent(record.id)}`} data-command="edit-draft">
          {translate('liaison.alert.command.edit-draft')}
        </Button>
      ) : null}
      {allowed.map((c) => (
        <Button key={c} variant={primary.has(c) ? 'contained' : 'outlined'} color={dangerous.has(c) ? 'error' : 'primary'} startIcon={icons[c]} onClick={() => open(c)} data-command={c}>
          {translate(`liaison.alert.command.${c}`)}
        </Button>
      ))}
      <ActionDialog
        open={command !== null}
        title={command ? translate(`liaison.alert.confirm.${command}_title`, { number: record.number }) : ''}
        content={command ? translate(`liaison.alert.confirm.${command}_content`) : undefined}
        confirmLabel={command ? translate(`liaison.alert.command.${command}`) : ''}
        dangerous={command !== null && dangerous.has(command)}
        busy={busy}
        error={error}
        onConfirm={() => void run()}
        onClose={() => setCommand(null)}
      >
        <Box sx={{ display: 'grid', gap: 2 }}>{command ? dialogBody[command] : null}</Box>
      </ActionDialog>
    </Box>
  );
};
