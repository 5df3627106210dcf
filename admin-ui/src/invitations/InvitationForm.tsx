import { Create, Edit, SelectInput, SimpleForm, TextInput, email, required } from 'react-admin';
import { AreaWorkflowInputs } from './AreaWorkflowInputs';

const languageChoices = ['en', 'da', 'de', 'fr'].map((id) => ({ id, name: `liaison.language.${id}` }));

const InvitationFields = () => (
  <>
    <TextInput source="email" type="email" validate={[required(), email()]} sx={{ width: 420, maxWidth: '100%' }} />
    <TextInput source="name" validate={required()} helperText="liaison.invitation.name_help" sx={{ width: 420, maxWidth: '100%' }} />
    <SelectInput source="language" choices={languageChoices} defaultValue="en" helperText="liaison.invitation.language_help" />
    <AreaWorkflowInputs />
    <TextInput source="message" multiline minRows={3} fullWidth helperText="liaison.invitation.message_help" />
  </>
);

/** A new draft invitation (POST /api/invitations); it is sent only when submitted. */
export const InvitationCreate = () => (
  <Create redirect="show">
    <SimpleForm defaultValues={{ areas: [], workflows: [], language: 'en' }}>
      <InvitationFields />
    </SimpleForm>
  </Create>
);

/** Change a draft, rejected or expired invitation (PATCH /api/invitations/{id}). */
export const InvitationEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <InvitationFields />
    </SimpleForm>
  </Edit>
);
