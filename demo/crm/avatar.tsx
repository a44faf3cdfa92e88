import { seedOf } from './prng';

/** A round badge with a person's initials, tinted by their name (one of eight tones). */
export function Avatar({ name, large = false }: { name: string; large?: boolean }) {
  const parts = name.split(/\s+/).filter(Boolean);
  const initials = `${parts[0]?.[0] ?? ''}${parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : ''}`;
  return (
    <span class={`avatar tone-${seedOf(name) % 8}${large ? ' large' : ''}`} aria-hidden="true">
      {initials.toUpperCase()}
    </span>
  );
}
