import { defaultTheme, type RaThemeOptions } from 'react-admin';

/** react-admin's default look in a calm institutional blue. */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#1d4f91' },
    secondary: { main: '#153a6b' },
    background: { default: '#f4f6f9' },
  },
  typography: {
    ...defaultTheme.typography,
    fontFamily: ['Inter', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'Helvetica Neue', 'Arial', 'sans-serif'].join(','),
  },
};
