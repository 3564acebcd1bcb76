import { Select } from '@mantine/core';
import { byTypeOrClass, typeOptions } from './taxonomy-options.ts';
import { useTaxonomy } from './use-taxonomy.ts';

const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);

/** Picks an incident type of the taxonomy (RSIT and the team's own), grouped by class, searchable. */
export function TaxonomySelect({
  label,
  value,
  onChange,
  required,
  error,
  autoFocus,
}: {
  label: string;
  value: string | null;
  onChange: (typeId: string | null) => void;
  required?: boolean;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  const taxonomy = useTaxonomy();
  const chosen = taxonomy.data?.find((t) => t.id === value);
  return (
    <Select
      label={label}
      placeholder={taxonomy.isPending ? 'Loading the taxonomy…' : 'Type to search class or type'}
      data={typeOptions(taxonomy.data ?? [])}
      value={value}
      onChange={onChange}
      filter={byTypeOrClass}
      searchable
      allowDeselect={false}
      required={required}
      error={error ?? (taxonomy.error ? 'The taxonomy could not be loaded' : undefined)}
      description={
        chosen ? clip(`${chosen.classLabel} › ${chosen.typeLabel}: ${chosen.description}`) : undefined
      }
      nothingFoundMessage="No type matches"
      maxDropdownHeight={320}
      data-autofocus={autoFocus || undefined}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
