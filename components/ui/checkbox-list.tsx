/** A list of labelled checkboxes over a set of ids, each named `<name>-<id>`. */
export interface CheckboxListProps<T extends string> {
  name: string;
  items: readonly T[];
  label: (item: T) => string;
  selected: readonly T[];
  onChange: (selected: T[]) => void;
}

export function CheckboxList<T extends string>(p: CheckboxListProps<T>) {
  return (
    <>
      {p.items.map((item) => (
        <label key={item} class="check">
          <input
            type="checkbox"
            name={`${p.name}-${item}`}
            checked={p.selected.includes(item)}
            onChange={(e) =>
              p.onChange(
                e.currentTarget.checked
                  ? [...new Set([...p.selected, item])]
                  : p.selected.filter((x) => x !== item),
              )
            }
          />
          {p.label(item)}
        </label>
      ))}
    </>
  );
}
