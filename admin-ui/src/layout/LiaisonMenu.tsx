import { ListSubheader } from '@mui/material';
import { Menu, useSidebarState, useTranslate } from 'react-admin';
import { BlockedDataMenuItem } from '../blockedData';

/**
 * The menu, grouped by who uses it. Later resources join their group: authorities, users,
 * invitations, requests and alerts under "Cases" or a group of their own.
 */
const menuGroups = [
  { label: 'liaison.menu.requests', resources: ['request-actions', 'requests'] },
  { label: 'liaison.alert.menu', resources: ['alert-actions', 'alerts'] },
  { label: 'liaison.menu.directory', resources: ['authorities'] },
  { label: 'liaison.menu.registration', resources: ['invitations'] },
  { label: 'liaison.menu.cases', resources: ['contact-checks'] },
  { label: 'liaison.menu.operations', resources: ['workflows', 'ops-audit'] },
  { label: 'liaison.menu.reference', resources: ['legislation-areas', 'question-sets', 'countries', 'languages', 'nace-codes', 'policy-areas'] },
] as const;

const GroupHeading = ({ label }: { label: string }) => {
  const translate = useTranslate();
  const [open] = useSidebarState();
  if (!open) return null;
  return (
    <ListSubheader
      component="div"
      sx={{ bgcolor: 'transparent', lineHeight: '32px', mt: 1.5, textTransform: 'uppercase', fontSize: 12, letterSpacing: 0.6 }}
    >
      {translate(label)}
    </ListSubheader>
  );
};

export const LiaisonMenu = () => (
  <Menu>
    <Menu.DashboardItem primaryText="liaison.dashboard.title" />
    {menuGroups.map((group) => [
      <GroupHeading key={group.label} label={group.label} />,
      ...group.resources.map((name) => <Menu.ResourceItem key={name} name={name} />),
      // The helpdesk's blocked-data screen is a page, not a resource.
      ...(group.label === 'liaison.menu.operations' ? [<BlockedDataMenuItem key="blocked-data" />] : []),
    ])}
  </Menu>
);
