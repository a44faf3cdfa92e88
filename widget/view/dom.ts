/**
 * The view's renderer, in place of a UI framework (Preact was a third of every visitor's
 * download): `h` describes elements, `patch` brings the DOM in line with a description.
 *
 * Children are matched by position, and `false`, `null` and `undefined` keep their position as
 * an empty text node, so a part that comes and goes (a notice, the receipt) leaves its siblings
 * where they were: their DOM nodes, focus and state survive every render. Lists must keep their
 * length between renders (the view's lists come from the configuration, which does not change).
 *
 * Only text nodes and attributes are ever created: nothing is parsed as HTML.
 */

/** An event handler (`onClick`, `onChange`: set as the element's `onclick`, `onchange`). */
type Handler = (event: Event) => void;

/**
 * Attributes (removed when undefined or false), `checked` (a property), and handlers (replaced
 * on every render; an element that has one is given it on every render).
 */
export type Props = Record<string, string | boolean | undefined | Handler>;

/** A described element. */
export interface VNode {
  tag: string;
  props: Props;
  children: Child[];
}

/** What may stand where a child goes; false, null and undefined render nothing. */
export type Child = VNode | string | false | null | undefined | Child[];

/** Describes an element. */
export const h = (tag: string, props: Props | null, ...children: Child[]): VNode => ({
  tag,
  props: props ?? {},
  children,
});

/** A button of the widget: `type="button"` (nothing to submit), with its class and action. */
export const button = (label: string, onClick: () => void, kind?: string): VNode =>
  h('button', { type: 'button', class: kind, onClick }, label);

type Leaf = Exclude<Child, Child[]>;

const setProps = (el: Element, props: Props) => {
  for (const { name } of Array.from(el.attributes)) {
    if (props[name] === undefined || props[name] === false) el.removeAttribute(name);
  }
  const live = el as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function' || name === 'checked') {
      // onClick -> onclick; `checked` is compared with the live property, which a click changes.
      const key = name.toLowerCase();
      if (live[key] !== value) live[key] = value;
    } else if (value !== undefined && value !== false && el.getAttribute(name) !== value) {
      el.setAttribute(name, value === true ? '' : value);
    }
  }
};

/** Makes `parent`'s child nodes match `children`, reusing what is already in place. */
export function patch(parent: ParentNode & Node, children: Child[]): void {
  const doc = parent.ownerDocument!;
  const wanted = (children as unknown[]).flat(Infinity) as Leaf[];
  const nodes = parent.childNodes;
  wanted.forEach((child, i) => {
    const existing = nodes[i];
    let node: Node;
    if (child && typeof child === 'object') {
      node =
        existing?.nodeType === 1 && (existing as Element).localName === child.tag
          ? existing
          : doc.createElement(child.tag);
      setProps(node as Element, child.props);
      patch(node as Element, child.children);
    } else {
      const text = child || '';
      if (existing?.nodeType === 3) {
        if ((existing as Text).data !== text) (existing as Text).data = text;
        return;
      }
      node = doc.createTextNode(text);
    }
    if (node !== existing) {
      if (existing) parent.replaceChild(node, existing);
      else parent.appendChild(node);
    }
  });
  while (nodes.length > wanted.length) parent.removeChild(parent.lastChild!);
}
