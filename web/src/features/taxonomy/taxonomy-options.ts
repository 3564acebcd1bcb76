import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import type { TaxonomyType } from '#contracts/taxonomy.ts';

type Option = { value: string; label: string };

// Typing "fraud" finds every type of the class, "phish" the type, "fraud/" the ids.
export const byTypeOrClass: OptionsFilter = ({ options, search }) => {
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

function byClass(types: TaxonomyType[], first: (t: TaxonomyType) => Option[]) {
  const groups = new Map<string, Option[]>();
  for (const t of types) {
    const items = groups.get(t.classLabel) ?? first(t);
    items.push({ value: t.id, label: t.typeLabel });
    groups.set(t.classLabel, items);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

const classOption = (t: Pick<TaxonomyType, 'class' | 'classLabel'>): Option => ({
  value: t.class,
  label: `${t.classLabel} (every type)`,
});

/** Incident types grouped by class, for classifying. */
export const typeOptions = (types: TaxonomyType[]) => byClass(types, () => []);

/** A whole class (`fraud`) or one type (`fraud/phishing`), grouped by class, for specialisations. */
export const specialisationOptions = (types: TaxonomyType[]) => byClass(types, (t) => [classOption(t)]);

/** How a specialisation reads: the type's or the class's label; an id the taxonomy lacks, as is. */
export function specialisationLabel(id: string, types: TaxonomyType[]): string {
  const type = types.find((t) => t.id === id);
  if (type) return type.typeLabel;
  const inClass = types.find((t) => t.class === id);
  return inClass ? classOption(inClass).label : id;
}
