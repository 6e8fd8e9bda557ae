import { memo, useMemo, type FocusEvent } from 'react'
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeChange,
  type NodeProps,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import type { DefinitionDocument } from './model'
import type { CatalogueEntry } from '../api/contract'
import { lanes, nodeHeight, nodeWidth, type Point } from './layout'

type ActivityData = { label: string; typeLabel: string; errors: number; id: string }
type LaneData = { name: string; width: number; height: number }

/** One activity: its name, its type, and a badge counting its errors. Focusing it selects it (Tab moves between them). */
const ActivityNode = memo(function ActivityNode({ data, selected }: NodeProps<Node<ActivityData>>) {
  return (
    <div
      className={`activity-node${selected ? ' selected' : ''}${data.errors > 0 ? ' has-errors' : ''}`}
      data-activity={data.id}
      style={{ width: nodeWidth, height: nodeHeight }}
    >
      <Handle type="target" position={Position.Left} />
      <span className="activity-type">{data.typeLabel}</span>
      <span className="activity-name">{data.label}</span>
      {data.errors > 0 && (
        <span className="error-badge" title={`${data.errors} erreur(s)`}>
          {data.errors}
          <span className="visually-hidden"> erreur(s)</span>
        </span>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  )
})

const LaneNode = memo(function LaneNode({ data }: NodeProps<Node<LaneData>>) {
  return (
    <div className="stage-lane" style={{ width: data.width, height: data.height }}>
      <span className="stage-lane-name">{data.name}</span>
    </div>
  )
})

const nodeTypes = { activity: ActivityNode, lane: LaneNode }

export function Canvas({
  document,
  catalogue,
  positions,
  selected,
  errorCounts,
  readOnly,
  onSelect,
  onMove,
  onConnect,
}: {
  document: DefinitionDocument
  catalogue: Map<string, CatalogueEntry>
  positions: Record<string, Point>
  selected?: string
  errorCounts: Map<string, number>
  readOnly: boolean
  onSelect: (id: string | undefined) => void
  onMove: (id: string, point: Point) => void
  onConnect: (source: string, target: string) => void
}) {
  const nodes = useMemo<Node[]>(() => {
    const laneNodes: Node<LaneData>[] = lanes(document, positions).map(lane => ({
      id: `lane:${lane.stage}`,
      type: 'lane',
      position: { x: lane.x, y: lane.y },
      data: { name: lane.name, width: lane.width, height: lane.height },
      draggable: false,
      selectable: false,
      focusable: false,
      zIndex: -1,
    }))
    const activityNodes: Node<ActivityData>[] = document.activities.map(activity => ({
      id: activity.id,
      type: 'activity',
      position: positions[activity.id] ?? { x: 0, y: 0 },
      selected: activity.id === selected,
      ariaLabel: `${activity.displayName || activity.id} (${catalogue.get(activity.type)?.label ?? activity.type})${
        errorCounts.get(activity.id) ? `, ${errorCounts.get(activity.id)} erreur(s)` : ''
      }`,
      data: {
        id: activity.id,
        label: activity.displayName || activity.id,
        typeLabel: catalogue.get(activity.type)?.label ?? activity.type,
        errors: errorCounts.get(activity.id) ?? 0,
      },
    }))
    return [...laneNodes, ...activityNodes]
  }, [document, positions, selected, errorCounts, catalogue])

  const edges = useMemo<Edge[]>(
    () =>
      document.connections.map((connection, index) => ({
        id: `c${index}:${connection.source}:${connection.outcome}`,
        source: connection.source,
        target: connection.target,
        label: connection.outcome,
        markerEnd: { type: MarkerType.ArrowClosed },
        focusable: false,
      })),
    [document.connections],
  )

  function changed(changes: NodeChange[]) {
    for (const change of changes) {
      if (change.type === 'position' && change.position && !change.id.startsWith('lane:')) onMove(change.id, change.position)
      if (change.type === 'select' && change.selected && !change.id.startsWith('lane:')) onSelect(change.id)
    }
  }

  function focused(event: FocusEvent<HTMLDivElement>) {
    const id = (event.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id')
    if (id && !id.startsWith('lane:') && id !== selected) onSelect(id)
  }

  return (
    // Tab moves focus from node to node; the focused node is the selected one, so its properties follow the keyboard.
    <div className="canvas" role="region" aria-label="Schéma du parcours" onFocus={focused}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={changed}
        onNodeClick={(_, node) => !node.id.startsWith('lane:') && onSelect(node.id)}
        onConnect={connection => !readOnly && onConnect(connection.source, connection.target)}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        minZoom={0.1}
        fitView
        proOptions={{ hideAttribution: false }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  )
}
