import AddIcon from '@mui/icons-material/Add';
import ApiIcon from '@mui/icons-material/Api';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import HistoryEduIcon from '@mui/icons-material/HistoryEdu';
import SearchIcon from '@mui/icons-material/Search';
import ContactMailIcon from '@mui/icons-material/ContactMail';
import {
  Alert,
  Box,
  Card,
  CardActionArea,
  CardContent,
  CardHeader,
  Link,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Skeleton,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink, Title, useCreatePath, useGetList, useLocaleState, useTranslate } from 'react-admin';
import type { ContactCheckRecord } from '../dataProvider';
import { formatDateTime } from '../time/duration';
import { Countdown } from '../time/Countdown';
import { useWorkflowCounts } from '../workflows/useWorkflowCounts';
import { workflowStatusColours, workflowStatusLabel, workflowStatuses } from '../workflows/workflowStatus';

/** A link to a list with these filters (react-admin reads them from the URL). */
const listPath = (resource: string, filter: Record<string, unknown> = {}) =>
  `/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`;

const CountTile = ({ label, value, colour, to }: { label: string; value: number | undefined; colour: string; to: string }) => (
  <Card variant="outlined" sx={{ borderTop: `4px solid ${colour}` }}>
    <CardActionArea component={RouterLink} to={to} sx={{ height: '100%' }}>
      <CardContent sx={{ py: 1.5 }}>
        <Typography variant="h4" component="div" sx={{ fontWeight: 600, color: value ? colour : 'text.disabled' }}>
          {value ?? <Skeleton width={40} />}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
      </CardContent>
    </CardActionArea>
  </Card>
);

const Panel = ({ title, children }: { title: string; children: ReactNode }) => (
  <Card>
    <CardHeader title={title} slotProps={{ title: { variant: 'h6', component: 'h2' } }} sx={{ pb: 0 }} />
    <CardContent>{children}</CardContent>
  </Card>
);

const WorkflowCountsPanel = () => {
  const translate = useTranslate();
  const { data, error } = useWorkflowCounts({}, 30_000);
  return (
    <Panel title={translate('liaison.dashboard.workflows')}>
      {error ? (
        <Alert severity="warning">
          {translate('liaison.dashboard.unavailable', { error: translate((error as Error).message, { _: (error as Error).message }) })}
        </Alert>
      ) : (
        <Box
          sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 1.5 }}
          data-testid="dashboard-workflow-counts"
        >
          <CountTile
            label={translate('liaison.dashboard.all_workflows')}
            value={data?.total}
            colour="#1d4f91"
            to={listPath('workflows')}
          />
          {workflowStatuses.map((status) => (
            <CountTile
              key={status}
              label={translate(workflowStatusLabel(status))}
              value={data?.byStatus[status]}
              colour={workflowStatusColours[status]}
              to={listPath('workflows', { status })}
            />
          ))}
        </Box>
      )}
    </Panel>
  );
};

const ContactChecksPanel = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const createPath = useCreatePath();
  const overdue = useGetList<ContactCheckRecord>('contact-checks', {
    filter: { overdue: 'true' },
    sort: { field: 'dueAt', order: 'ASC' },
    pagination: { page: 1, perPage: 5 },
  });
  const open = useGetList<ContactCheckRecord>('contact-checks', {
    filter: { status: 'open' },
    pagination: { page: 1, perPage: 1 },
  });
  return (
    <Panel title={translate('liaison.dashboard.contact_checks')}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5, mb: 2 }}>
        <CountTile
          label={translate('liaison.dashboard.overdue_checks')}
          value={overdue.total}
          colour="#c62828"
          to={listPath('contact-checks', { overdue: true })}
        />
        <CountTile
          label={translate('liaison.dashboard.open_checks')}
          value={open.total}
          colour="#1565c0"
          to={listPath('contact-checks', { status: 'open' })}
        />
      </Box>
      {overdue.error ? (
        <Alert severity="warning">
          {translate('liaison.dashboard.unavailable', {
            error: translate((overdue.error as Error).message, { _: (overdue.error as Error).message }),
          })}
        </Alert>
      ) : overdue.data && overdue.data.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('liaison.dashboard.none_overdue')}
        </Typography>
      ) : (
        <List dense disablePadding>
          {(overdue.data ?? []).map((check) => (
            <ListItemButton
              key={check.id}
              component={RouterLink}
              to={createPath({ resource: 'contact-checks', id: check.id, type: 'show' })}
            >
              <ListItemText
                primary={`${check.authorityRef} (${check.countryCode})`}
                secondary={formatDateTime(check.dueAt, locale, false)}
              />
              <Countdown dueAt={check.dueAt} />
            </ListItemButton>
          ))}
        </List>
      )}
    </Panel>
  );
};

const LinksPanel = () => {
  const translate = useTranslate();
  const links = [
    { to: '/workflows', icon: <SearchIcon />, label: 'link_workflows' },
    { to: listPath('workflows', { status: 'Failed' }), icon: <ErrorOutlineIcon color="error" />, label: 'link_failed' },
    { to: '/contact-checks', icon: <ContactMailIcon />, label: 'link_contact_checks' },
    { to: '/contact-checks/create', icon: <AddIcon />, label: 'link_new_contact_check' },
    { to: '/ops-audit', icon: <HistoryEduIcon />, label: 'link_audit' },
  ];
  return (
    <Panel title={translate('liaison.dashboard.links')}>
      <List dense disablePadding>
        {links.map((link) => (
          <ListItemButton key={link.label} component={RouterLink} to={link.to}>
            <ListItemIcon sx={{ minWidth: 36 }}>{link.icon}</ListItemIcon>
            <ListItemText primary={translate(`liaison.dashboard.${link.label}`)} />
          </ListItemButton>
        ))}
        <ListItemButton component={Link} href="/api/openapi.json" target="_blank" rel="noopener">
          <ListItemIcon sx={{ minWidth: 36 }}>
            <ApiIcon />
          </ListItemIcon>
          <ListItemText primary={translate('liaison.dashboard.link_openapi')} />
        </ListItemButton>
      </List>
    </Panel>
  );
};

/** The home page: how many case workflows are in each status, overdue contact checks, where to go next. */
export const Dashboard = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '2fr 1fr' } }}>
      <Title title={translate('liaison.dashboard.title')} />
      <Box sx={{ display: 'grid', gap: 2, alignContent: 'start' }}>
        <WorkflowCountsPanel />
        <ContactChecksPanel />
      </Box>
      <Box sx={{ alignContent: 'start' }}>
        <LinksPanel />
      </Box>
    </Box>
  );
};
