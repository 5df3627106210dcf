import { Box, Typography } from '@mui/material';
import { AppBar, LoadingIndicator, LocalesMenuButton, TitlePortal, useTranslate } from 'react-admin';
import { LiaisonUserMenu } from './LiaisonUserMenu';

const Brand = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: { xs: 'none', md: 'flex' }, alignItems: 'baseline', gap: 1, mr: 2, whiteSpace: 'nowrap' }}>
      <Typography variant="h6" component="span" sx={{ fontWeight: 700, letterSpacing: 0.5 }}>
        {translate('liaison.app.title')}
      </Typography>
      <Typography variant="body2" component="span" sx={{ opacity: 0.8 }}>
        {translate('liaison.app.subtitle')}
      </Typography>
    </Box>
  );
};

/** Brand, page title, language switch (English / Dansk), loading indicator and the user menu. */
export const LiaisonAppBar = () => (
  <AppBar
    userMenu={<LiaisonUserMenu />}
    toolbar={
      <>
        <LocalesMenuButton />
        <LoadingIndicator />
      </>
    }
  >
    <Brand />
    <TitlePortal variant="body1" sx={{ opacity: 0.95 }} />
  </AppBar>
);
