import { MultiSelect } from '@mantine/core';
import { byTypeOrClass, specialisationOptions } from './taxonomy-options.ts';
import { useTaxonomy } from './use-taxonomy.ts';

/** Picks the classes and types someone handles best; a class covers each of its types. */
export function SpecialisationsSelect({
  value,
  onChange,
  error,
  autoFocus,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  const taxonomy = useTaxonomy();
  return (
    <MultiSelect
      label="Specialisations"
      description="Automatic assignment gives an incident to an available handler whose specialisations cover its classification"
      placeholder={taxonomy.isPending ? 'Loading the taxonomy…' : 'Type to search class or type'}
      data={specialisationOptions(taxonomy.data ?? [])}
      value={value}
      onChange={onChange}
      filter={byTypeOrClass}
      searchable
      clearable
      hidePickedOptions
      error={error ?? (taxonomy.error ? 'The taxonomy could not be loaded' : undefined)}
      nothingFoundMessage="No class or type matches"
      maxDropdownHeight={320}
      data-autofocus={autoFocus || undefined}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
