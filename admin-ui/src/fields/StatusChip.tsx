import { Chip, type ChipProps } from '@mui/material';

interface StatusChipProps {
  label: string;
  /** The status colour (a CSS colour). */
  colour: string;
  size?: ChipProps['size'];
  /** Outlined: a chip that is not selected (the status counts above a list). */
  outlined?: boolean;
  onClick?: ChipProps['onClick'];
  'data-status'?: string;
}

/** A status as a coloured chip, so the eye finds the failed ones first. */
export const StatusChip = ({ label, colour, size = 'small', outlined = false, onClick, ...rest }: StatusChipProps) => (
  <Chip
    label={label}
    size={size}
    onClick={onClick}
    variant={outlined ? 'outlined' : 'filled'}
    data-status={rest['data-status']}
    sx={{
      fontWeight: 600,
      color: outlined ? colour : '#fff',
      backgroundColor: outlined ? 'transparent' : colour,
      borderColor: colour,
      '&:hover': onClick ? { backgroundColor: outlined ? `${colour}14` : colour, filter: outlined ? undefined : 'brightness(1.1)' } : undefined,
    }}
  />
);
