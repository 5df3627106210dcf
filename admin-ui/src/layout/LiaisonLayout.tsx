import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { LiaisonAppBar } from './LiaisonAppBar';
import { LiaisonMenu } from './LiaisonMenu';

export const LiaisonLayout = ({ children }: { children: ReactNode }) => (
  <Layout appBar={LiaisonAppBar} menu={LiaisonMenu} sx={{ '& .RaLayout-content': { minWidth: 0 } }}>
    {children}
  </Layout>
);
