import { Box, Chip } from '@mui/material';
import type { ReactNode } from 'react';
import { BooleanField, SearchInput, useRecordContext, useTranslate } from 'react-admin';

/** "Retired" beside a row no longer offered (kept because old data may name it). */
export const RetiredChip = () => {
  const record = useRecordContext<{ retired: boolean }>();
  const translate = useTranslate();
  if (!record?.retired) return null;
  return <Chip size="small" label={translate('liaison.reference.retired')} sx={{ ml: 1 }} />;
};

/** A name and, if retired, the chip. */
export const NameWithRetired = ({ children }: { children: ReactNode; label?: string; source?: string }) => (
  <Box sx={{ display: 'inline-flex', alignItems: 'center' }}>
    {children}
    <RetiredChip />
  </Box>
);

export const YesNoField = (props: { source: string; label?: string; sortable?: boolean }) => <BooleanField {...props} looseValue />;

const ReferenceSearchInput = (props: { source: string; alwaysOn?: boolean }) => {
  const translate = useTranslate();
  return <SearchInput {...props} placeholder={translate('liaison.reference.search')} />;
};

export const referenceFilters = [<ReferenceSearchInput key="q" source="q" alwaysOn />];
