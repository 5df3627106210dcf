import { CheckboxGroupInput, useGetList, useTranslate } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { useEffect } from 'react';
import type { ReferenceRecord } from '../referenceData/referenceDataProvider';

/** The legislation areas (reference data), fetched once. */
export const useLegislationAreas = () =>
  useGetList<ReferenceRecord<'legislation-areas'>>('legislation-areas', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'position', order: 'ASC' },
    filter: { retired: false },
  });

/** `<area>:<workflow>` choices of the chosen areas, in words ("Services — alerts"). */
export const useWorkflowChoices = (areas: string[], excludeServicesAlerts = false) => {
  const translate = useTranslate();
  const { data = [] } = useLegislationAreas();
  return data
    .filter((area) => areas.includes(area.code))
    .flatMap((area) =>
      area.workflows.map((workflow) => ({
        id: `${area.code}:${workflow}`,
        name: `${area.name} — ${translate(`liaison.invitation.workflow.${workflow}`)}`,
      })),
    )
    .filter((choice) => !(excludeServicesAlerts && choice.id === 'services:alerts'));
};

/** Areas as checkboxes; the workflows of the chosen areas below them (a workflow of an area taken off goes too). */
export const AreaWorkflowInputs = ({ excludeServicesAlerts = false }: { excludeServicesAlerts?: boolean }) => {
  const { data = [] } = useLegislationAreas();
  const areas = (useWatch({ name: 'areas' }) as string[] | undefined) ?? [];
  const workflows = (useWatch({ name: 'workflows' }) as string[] | undefined) ?? [];
  const { setValue } = useFormContext();
  const choices = useWorkflowChoices(areas, excludeServicesAlerts);
  useEffect(() => {
    const kept = workflows.filter((w) => areas.includes(w.split(':')[0]));
    if (kept.length !== workflows.length) setValue('workflows', kept, { shouldDirty: true });
  }, [areas, workflows, setValue]);
  return (
    <>
      <CheckboxGroupInput
        source="areas"
        label="resources.invitations.fields.areas"
        choices={data.map((area) => ({ id: area.code, name: area.name }))}
        row
        sx={{ '& .MuiFormGroup-root': { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))' } }}
      />
      <CheckboxGroupInput
        source="workflows"
        label="resources.invitations.fields.workflows"
        choices={choices}
        helperText={areas.length ? (excludeServicesAlerts ? 'liaison.invitation.services_alerts_single' : false) : 'liaison.invitation.choose_area_first'}
        row
      />
    </>
  );
};
