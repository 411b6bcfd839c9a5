/** A region picker over the province → city → county tree (GB/T 2260 codes), searchable by name or code. */
import type { RegionNodeDto } from '@cpaudit/contract';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../../api/hooks.ts';

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

function toTree(nodes: readonly RegionNodeDto[]): TreeNode[] {
  return nodes.map((n) => ({ value: n.code, title: `${n.name}（${n.code}）`, children: toTree(n.children) }));
}

export function RegionSelect(props: {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  ariaLabel: string;
  placeholder?: string;
  allowClear?: boolean;
}) {
  const tree = useApi('getRegionTree', { query: {} });
  const data = useMemo(() => toTree(tree.data?.roots ?? []), [tree.data]);
  return (
    <TreeSelect
      aria-label={props.ariaLabel}
      value={props.value ?? undefined}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      treeData={data}
      showSearch
      treeNodeFilterProp="title"
      allowClear={props.allowClear ?? false}
      placeholder={props.placeholder}
      loading={tree.loading}
      style={{ minWidth: 240, width: '100%' }}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
    />
  );
}
