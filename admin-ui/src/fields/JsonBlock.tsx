import { Box } from '@mui/material';

/** A JSON value, pretty-printed in monospace. */
export const JsonBlock = ({ value, maxHeight = 320 }: { value: unknown; maxHeight?: number }) => (
  <Box
    component="pre"
    sx={{
      m: 0,
      p: 1.5,
      maxHeight,
      overflow: 'auto',
      borderRadius: 1,
      bgcolor: 'action.hover',
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 12,
      lineHeight: 1.5,
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-word',
    }}
  >
    {JSON.stringify(value, null, 2)}
  </Box>
);
