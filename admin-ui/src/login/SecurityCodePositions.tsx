import { Box, TextField } from '@mui/material';
import { useRef } from 'react';
import { useTranslate } from 'react-admin';

interface Props {
  positions: number[];
  values: string[];
  onChange: (values: string[]) => void;
  disabled?: boolean;
}

/** One masked one-character box per asked position; typing moves on to the next box. */
export const SecurityCodePositions = ({ positions, values, onChange, disabled }: Props) => {
  const translate = useTranslate();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const set = (index: number, value: string) => {
    const character = [...value].slice(-1).join('');
    const next = values.slice();
    next[index] = character;
    onChange(next);
    if (character && index < positions.length - 1) inputs.current[index + 1]?.focus();
  };
  return (
    <Box sx={{ display: 'flex', gap: 2, justifyContent: 'center', my: 2 }}>
      {positions.map((position, index) => (
        <TextField
          key={position}
          label={translate('liaison.login.character_n', { n: position })}
          type="password"
          value={values[index] ?? ''}
          onChange={(e) => set(index, e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Backspace' && !values[index] && index > 0) inputs.current[index - 1]?.focus();
          }}
          inputRef={(el: HTMLInputElement | null) => {
            inputs.current[index] = el;
          }}
          autoFocus={index === 0}
          disabled={disabled}
          autoComplete="off"
          sx={{ width: 96 }}
          slotProps={{
            htmlInput: {
              maxLength: 2,
              'aria-label': translate('liaison.login.character_n', { n: position }),
              style: { textAlign: 'center', fontSize: 22, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' },
            },
          }}
        />
      ))}
    </Box>
  );
};
