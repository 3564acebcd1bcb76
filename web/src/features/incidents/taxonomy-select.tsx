import { Select, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import type { TaxonomyType } from '#contracts/taxonomy.ts';
import { useTaxonomy } from './incident-queries.ts';

// Typing "fraud" finds every type of the class, "phish" the type, "fraud/" the ids.
const byTypeOrClass: OptionsFilter = ({ options, search }) => {
  const q = search.trim().toLowerCase();
  const hit = (s: string) => s.toLowerCase().includes(q);
  const out: ComboboxParsedItem[] = [];
  for (const o of options) {
    if (!('group' in o)) {
      if (hit(o.label) || hit(String(o.value))) out.push(o);
      continue;
    }
    const items =
      typeof o.group === 'string' && hit(o.group)
        ? o.items
        : o.items.filter((i) => hit(i.label) || hit(String(i.value)));
    if (items.length) out.push({ group: o.group, items });
  }
  return out;
};

const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);

function grouped(types: TaxonomyType[]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const t of types) {
    const items = groups.get(t.classLabel) ?? [];
    items.push({ value: t.id, label: t.typeLabel });
    groups.set(t.classLabel, items);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

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
      data={grouped(taxonomy.data ?? [])}
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
