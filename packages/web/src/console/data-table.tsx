import type { ComponentChildren, JSX } from 'preact';

/**
 * Renders a table of records with its column headers and the rows passed as children. The
 * caption and the header of the last column of row buttons are read by screen readers only.
 */
export function DataTable(props: {
  class: string;
  columns: readonly string[];
  caption?: string;
  /** Header of a last column of row buttons, which only screen readers read. */
  actions?: string;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <div class="table-wrap">
      <table class={props.class}>
        {props.caption === undefined ? null : (
          <caption class="visually-hidden">{props.caption}</caption>
        )}
        <thead>
          <tr>
            {props.columns.map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
            {props.actions === undefined ? null : (
              <th scope="col">
                <span class="visually-hidden">{props.actions}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** Renders a titled section of a page, which shows the `empty` text when `isEmpty` is true. */
export function TableSection(props: {
  id: string;
  title: string;
  empty: string;
  isEmpty: boolean;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.isEmpty ? <p class="empty">{props.empty}</p> : props.children}
    </section>
  );
}
