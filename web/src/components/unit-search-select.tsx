import { Select } from 'antd';
import { useEffect, useEffectEvent, useRef, useState, type CSSProperties } from 'react';
import type { Organisation } from '../../../shared/organisation.js';
import { api } from '../api/endpoints.js';

const FIRST_PAGE = 50;
const SEARCH_DELAY_MS = 250;

type Option = { value: string; label: string };

/**
 * A unit picker that searches the server (name fragment or 统一社会信用代码) instead of listing every
 * unit: a city has tens of thousands (issue 19). It opens with the first units of the caller's scope and
 * keeps the names of those chosen, so a chosen unit stays named whatever the search shows.
 */
export function UnitSearchSelect(props: {
  'aria-label': string;
  value?: string | string[];
  onChange?: (value: never) => void;
  mode?: 'multiple';
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  /** Told of every unit the picker has read, so a screen can name them. */
  onUnits?: (units: Organisation[]) => void;
}) {
  const { onUnits } = props;
  const [options, setOptions] = useState<Option[]>([]);
  // The first page is asked for on mount, so the picker starts out loading.
  const [loading, setLoading] = useState(true);
  const [named, setNamed] = useState<ReadonlyMap<string, string>>(new Map());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(0);

  // Every state change here is in the answer's callback (the compiler's lint reads an async function's
  // body as synchronous), so the mount effect sets no state itself; whoever starts a search turns
  // `loading` on.
  const load = (q: string) => {
    const call = ++latest.current;
    return api.organisations({ kind: 'unit', limit: q ? 20 : FIRST_PAGE, ...(q ? { q } : {}) }).then(
      (page) => {
        if (call !== latest.current) return;
        setLoading(false);
        setNamed((before) => new Map([...before, ...page.items.map((o) => [o.id, o.name] as const)]));
        onUnits?.(page.items);
        setOptions(page.items.map((o) => ({ value: o.id, label: o.name })));
      },
      // A failed search leaves the options as they were; the next keystroke searches again.
      () => {
        if (call === latest.current) setLoading(false);
      },
    );
  };

  // Once, on mount: later loads follow the typing.
  const loadFirstPage = useEffectEvent(() => void load(''));
  useEffect(() => {
    loadFirstPage();
    return () => clearTimeout(timer.current);
  }, []);

  const chosen = (Array.isArray(props.value) ? props.value : props.value ? [props.value] : []).filter(
    (id) => !options.some((o) => o.value === id),
  );
  const shown = [...options, ...chosen.map((id) => ({ value: id, label: named.get(id) ?? '…' }))];

  return (
    <Select
      aria-label={props['aria-label']}
      mode={props.mode}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? '输入单位名称或统一社会信用代码查找'}
      style={props.style}
      loading={loading}
      value={props.value as never}
      onChange={props.onChange}
      options={shown}
      showSearch={{
        filterOption: false,
        onSearch: (text) => {
          clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            setLoading(true);
            void load(text.trim());
          }, SEARCH_DELAY_MS);
        },
      }}
      notFoundContent={loading ? '查找中…' : '没有找到符合条件的单位'}
    />
  );
}
