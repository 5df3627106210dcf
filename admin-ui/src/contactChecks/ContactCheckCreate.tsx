import { Typography } from '@mui/material';
import {
  Create,
  email,
  maxLength,
  maxValue,
  minLength,
  minValue,
  NumberInput,
  regex,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useTranslate,
} from 'react-admin';

const languageChoices = ['en', 'da', 'de', 'fr'].map((id) => ({ id, name: `liaison.language.${id}` }));

const upperCase = (value: string | undefined) => (value ? value.toUpperCase() : value);

const Intro = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 640 }}>
      {translate('liaison.contactCheck.create_intro')}
    </Typography>
  );
};

/** Start a contact check (POST /api/contact-checks); the server's field messages show under the inputs. */
export const ContactCheckCreate = () => (
  <Create redirect="show">
    {/* noValidate: the browser's own (English-only) bubbles give way to our translated messages. */}
    <SimpleForm defaultValues={{ language: 'en' }} sx={{ maxWidth: 640 }} noValidate>
      <Intro />
      <TextInput source="authorityRef" validate={[required(), minLength(2), maxLength(120)]} fullWidth />
      <TextInput
        source="countryCode"
        validate={[required(), regex(/^[A-Z]{2}$/, 'liaison.contactCheck.country_help')]}
        parse={upperCase}
        helperText="liaison.contactCheck.country_help"
        sx={{ width: 200 }}
      />
      <TextInput
        source="contactEmail"
        type="email"
        validate={[required(), email(), maxLength(254)]}
        helperText="liaison.contactCheck.contact_email_help"
        fullWidth
      />
      <SelectInput source="language" choices={languageChoices} validate={required()} />
      <NumberInput
        source="dueInDays"
        min={1}
        max={365}
        validate={[minValue(1), maxValue(365)]}
        helperText="liaison.contactCheck.due_in_days_help"
      />
    </SimpleForm>
  </Create>
);
