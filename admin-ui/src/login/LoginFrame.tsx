import LockIcon from '@mui/icons-material/Lock';
import { Avatar, Box, Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { LocalesMenuButton, useTranslate } from 'react-admin';
import { useDocumentLanguage } from '../i18n/useDocumentLanguage';

/** The login page's frame: the brand band, the language switch and one card. */
export const LoginFrame = ({ children }: { children: ReactNode }) => {
  const translate = useTranslate();
  useDocumentLanguage();
  return (
    <Box
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        bgcolor: 'background.default',
        backgroundImage: 'linear-gradient(160deg, #1d4f91 0%, #153a6b 45%, #f4f6f9 45%)',
        position: 'relative',
      }}
    >
      <Box sx={{ position: 'absolute', top: 8, right: 8, color: '#fff' }}>
        <LocalesMenuButton />
      </Box>
      <Card sx={{ width: 440, maxWidth: 'calc(100vw - 32px)' }} elevation={6}>
        <CardContent sx={{ p: 4 }}>
          <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', mb: 1 }}>
            <Avatar sx={{ bgcolor: 'primary.main', mb: 1 }}>
              <LockIcon />
            </Avatar>
            <Typography variant="h6" component="h1" align="center">
              {translate('liaison.login.title')}
            </Typography>
          </Box>
          {children}
        </CardContent>
      </Card>
    </Box>
  );
};
