import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { forwardRef } from 'react';
import { Link, Logout, UserMenu, useTranslate, useUserMenu } from 'react-admin';

const AccountMenuItem = forwardRef<HTMLAnchorElement>((props, ref) => {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem component={Link} to="/account" ref={ref} onClick={userMenu?.onClose} {...props}>
      <ListItemIcon>
        <ManageAccountsIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('liaison.account.title')}</ListItemText>
    </MenuItem>
  );
});
AccountMenuItem.displayName = 'AccountMenuItem';

/** The user's name in the app bar; its menu opens My account or logs out. */
export const LiaisonUserMenu = () => (
  <UserMenu>
    <AccountMenuItem />
    <Logout />
  </UserMenu>
);
