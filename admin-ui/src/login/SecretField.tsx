import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import { IconButton, InputAdornment, TextField, type TextFieldProps } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

/** A password-like input with a button to show what was typed. */
export const SecretField = (props: TextFieldProps) => {
  const translate = useTranslate();
  const [shown, setShown] = useState(false);
  return (
    <TextField
      fullWidth
      margin="dense"
      {...props}
      type={shown ? 'text' : 'password'}
      slotProps={{
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                size="small"
                edge="end"
                aria-label={translate(shown ? 'liaison.login.hide' : 'liaison.login.show')}
                onClick={() => setShown((s) => !s)}
                tabIndex={-1}
              >
                {shown ? <VisibilityOff fontSize="small" /> : <Visibility fontSize="small" />}
              </IconButton>
            </InputAdornment>
          ),
        },
        htmlInput: { spellCheck: false, autoCapitalize: 'off' },
      }}
    />
  );
};
