import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Box, IconButton, Tooltip, Typography, type TypographyProps } from '@mui/material';
import type { MouseEvent } from 'react';
import { useNotify, useTranslate } from 'react-admin';

async function copyToClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain-HTTP origins have no clipboard API: fall back to a hidden text area.
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

interface CopyableTextProps {
  value: string;
  variant?: TypographyProps['variant'];
  /** Cut long values in the middle of a table; the full value is in the tooltip and the copy. */
  maxWidth?: number | string;
}

/** An id in monospace with a copy button (the button does not open the row it sits in). */
export const CopyableText = ({ value, variant = 'body2', maxWidth }: CopyableTextProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const copy = (event: MouseEvent) => {
    event.stopPropagation();
    copyToClipboard(value).then(
      () => notify('liaison.action.copied', { type: 'info', autoHideDuration: 1500 }),
      () => undefined,
    );
  };
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, maxWidth: '100%' }}>
      <Typography
        component="span"
        variant={variant}
        title={value}
        sx={{
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          fontSize: variant === 'body2' ? '0.8125rem' : undefined,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
          maxWidth,
        }}
      >
        {value}
      </Typography>
      <Tooltip title={translate('liaison.action.copy')}>
        <IconButton size="small" onClick={copy} aria-label={translate('liaison.action.copy')} sx={{ p: 0.25 }}>
          <ContentCopyIcon sx={{ fontSize: 14 }} />
        </IconButton>
      </Tooltip>
    </Box>
  );
};
