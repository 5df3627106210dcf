import { Autocomplete, CircularProgress, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { AuthoritySummary } from '../../../schema/authorityDirectory';
import { listAuthorities } from '../authorities/authorityApi';

interface AuthorityPickerProps {
  label: string;
  value: AuthoritySummary | null;
  onChange: (authority: AuthoritySummary | null) => void;
  /** Only authorities of this country (forward and split stay in the responder's country). */
  country?: string;
  /** Only authorities with access to this legislation area. */
  area?: string;
  /** Only coordinators (when the right authority is unknown, ask the country's coordinator). */
  coordinatorsOnly?: boolean;
  /** Leave this one out (the request's own responder). */
  excludeId?: string;
  error?: string;
  name?: string;
}

/** Searches the directory (GET /api/authorities) as the user types. */
export const AuthorityPicker = ({ label, value, onChange, country, area, coordinatorsOnly, excludeId, error, name }: AuthorityPickerProps) => {
  const translate = useTranslate();
  const [input, setInput] = useState('');
  const [options, setOptions] = useState<AuthoritySummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      listAuthorities({
        filter: { q: input.trim() || undefined, country, area, status: 'active' },
        pagination: { page: 1, perPage: coordinatorsOnly ? 100 : 20 },
        sort: { field: 'officialName', order: 'ASC' },
        signal: controller.signal,
      })
        .then((result) => {
          setOptions(result.data.filter((a) => a.id !== excludeId && (!coordinatorsOnly || a.kind !== 'CA')));
          setFailure(null);
        })
        .catch((e: Error) => {
          if (e.name !== 'AbortError') setFailure(e.message);
        })
        .finally(() => setLoading(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [input, country, area, coordinatorsOnly, excludeId]);

  return (
    <Autocomplete<AuthoritySummary>
      value={value}
      onChange={(_e, next) => onChange(next)}
      inputValue={input}
      onInputChange={(_e, next) => setInput(next)}
      options={value && !options.some((o) => o.id === value.id) ? [value, ...options] : options}
      filterOptions={(x) => x}
      getOptionLabel={(a) => `${a.officialName} (${a.countryCode})`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      loading={loading}
      noOptionsText={translate('liaison.request.no_authority_found')}
      renderOption={(props, a) => (
        <li {...props} key={a.id}>
          {a.officialName}
          <span style={{ marginLeft: 6, opacity: 0.6 }}>
            {a.countryCode} · {a.city} · {a.kind}
          </span>
        </li>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          name={name}
          label={label}
          error={!!error || !!failure}
          helperText={error ?? failure ?? undefined}
          slotProps={{
            ...params.slotProps,
            input: {
              ...params.slotProps.input,
              endAdornment: (
                <>
                  {loading ? <CircularProgress color="inherit" size={16} /> : null}
                  {params.slotProps.input.endAdornment}
                </>
              ),
            },
          }}
        />
      )}
    />
  );
};
