import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { useDocumentLanguage } from '../i18n/useDocumentLanguage';
import { LiaisonAppBar } from './LiaisonAppBar';
import { LiaisonMenu } from './LiaisonMenu';

/** react-admin's layout with our app bar and grouped menu; wide tables scroll instead of stretching the page. */
export const LiaisonLayout = ({ children }: { children: ReactNode }) => {
  useDocumentLanguage();
  return (
    <Layout appBar={LiaisonAppBar} menu={LiaisonMenu} sx={{ '& .RaLayout-content': { minWidth: 0 } }}>
      {children}
    </Layout>
  );
};
