import { Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** The heading of a section of a show page. */
export const SectionTitle = ({ children }: { children: ReactNode }) => (
  <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mt: 3, mb: 1 }}>
    {children}
  </Typography>
);
