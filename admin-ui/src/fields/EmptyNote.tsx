import { Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** What a section says when it has nothing to show. */
export const EmptyNote = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
    {children}
  </Typography>
);
