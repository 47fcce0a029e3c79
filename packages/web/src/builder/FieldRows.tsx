import { useVirtualizer } from '@tanstack/react-virtual';
import type { SanitizedField } from '@veil/schema';
import { type ReactNode, useCallback, useEffect, useRef } from 'react';
import { FieldListRow } from './FieldListRow.js';
import { fieldTypeOf } from './fieldTypes.js';
import type { FieldRow } from './schemaPaths.js';

/** Above this many fields the list renders only the rows in its scroll window. */
const VIRTUAL_ROWS_FROM = 40;
const ROW_ESTIMATE_PX = 40;
/** Rows at the end of the list that stay mounted (see the range extractor). */
const TAIL_ROWS = 3;

export interface FieldRowsProps {
  rows: readonly FieldRow[];
  /** The template's owner field path. */
  owner: string | undefined;
  selected: string | null;
  /** Stable across renders. */
  onSelect: (path: string) => void;
  resolved: ReadonlyMap<string, SanitizedField>;
  findings: ReadonlyMap<string, number>;
  titleOf: (row: FieldRow) => string;
  /** The uiSchema node of a field (a textarea makes a string a long text). */
  uiOf?: (path: string) => Readonly<Record<string, unknown>> | undefined;
}

/** The list's rows: every row for small templates, a scrolling window of them for large ones. */
export function FieldRows(props: FieldRowsProps) {
  const { rows } = props;
  const item = (row: FieldRow, index?: number, measure?: (el: Element | null) => void) => {
    const field = props.resolved.get(row.path);
    return (
      <FieldListRow
        key={row.path}
        index={index}
        measure={measure}
        path={row.path}
        depth={row.depth}
        key_={row.key}
        title={props.titleOf(row)}
        typeKey={fieldTypeOf(row.node, props.uiOf?.(row.path))}
        container={row.container}
        isOwner={props.owner === row.path}
        selected={row.path === props.selected}
        level={field?.privacy.level}
        source={field?.source}
        findings={props.findings.get(row.path) ?? 0}
        onSelect={props.onSelect}
      />
    );
  };
  if (rows.length <= VIRTUAL_ROWS_FROM) return <ul>{rows.map((row) => item(row))}</ul>;
  return <VirtualRows {...props} item={item} />;
}

function VirtualRows(
  props: FieldRowsProps & {
    item: (row: FieldRow, index: number, measure: (el: Element | null) => void) => ReactNode;
  },
) {
  const { rows } = props;
  const scrollRef = useRef<HTMLUListElement>(null);
  const selectedIndex = props.selected === null ? -1 : rows.findIndex((r) => r.path === props.selected);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: 6,
    getItemKey: (index) => rows[index]?.path ?? index,
    // The selected row (its focus and actions) and the tail of the list stay mounted even when
    // scrolled away: new fields land at the end (an import appends its fields, then the owner
    // field), so "the field I just added / imported is there" holds without scrolling.
    rangeExtractor: useCallback(
      (range: { startIndex: number; endIndex: number; overscan: number; count: number }) => {
        const out = new Set<number>();
        const from = Math.max(0, range.startIndex - range.overscan);
        const to = Math.min(range.count - 1, range.endIndex + range.overscan);
        for (let i = from; i <= to; i++) out.add(i);
        if (selectedIndex >= 0) out.add(selectedIndex);
        for (let i = Math.max(0, range.count - TAIL_ROWS); i < range.count; i++) out.add(i);
        return [...out].sort((a, b) => a - b);
      },
      [selectedIndex],
    ),
  });
  // A selection made elsewhere (lint, changes) scrolls its row into the window.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const out: ReactNode[] = [];
  let end = 0;
  for (const v of items) {
    const row = rows[v.index];
    if (!row) continue;
    if (v.start > end) out.push(<li key={`gap-${v.index}`} aria-hidden style={{ height: v.start - end }} />);
    out.push(props.item(row, v.index, virtualizer.measureElement));
    end = v.end;
  }
  const total = virtualizer.getTotalSize();
  if (total > end) out.push(<li key="gap-end" aria-hidden style={{ height: total - end }} />);
  return (
    <ul ref={scrollRef} className="bld-fields-window">
      {out}
    </ul>
  );
}
