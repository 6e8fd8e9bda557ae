import type { DefinitionDocument } from './model'

export interface Point {
  x: number
  y: number
}

export const nodeWidth = 210
export const nodeHeight = 64
const columnGap = 40
const rowGap = 28
const perRow = 6
const laneHeader = 36
const lanePadding = 16
const laneGap = 30

export interface Lane {
  stage: string
  name: string
  x: number
  y: number
  width: number
  height: number
}

export const noStage = ''

/** Stages in display order, with a lane for activities that name none (or an undeclared one). */
export function stagesOf(document: DefinitionDocument): { id: string; name: string }[] {
  const declared = document.stages ?? []
  const known = new Set(declared.map(stage => stage.id))
  const orphan = document.activities.some(activity => !activity.stage || !known.has(activity.stage))
  return orphan || declared.length === 0 ? [...declared, { id: noStage, name: 'Sans étape' }] : declared
}

export function laneOf(document: DefinitionDocument, stage: string | undefined): string {
  return stage && (document.stages ?? []).some(s => s.id === stage) ? stage : noStage
}

/**
 * A deterministic layout when the document has none (the layout lives outside the definition): one lane per stage,
 * top to bottom; in a lane, activities in the order the flow reaches them from the Start, six to a row.
 */
export function automaticLayout(document: DefinitionDocument): Record<string, Point> {
  const order = flowOrder(document)
  const positions: Record<string, Point> = {}
  let top = 0
  for (const stage of stagesOf(document)) {
    const members = document.activities
      .filter(activity => laneOf(document, activity.stage) === stage.id)
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    members.forEach((activity, index) => {
      positions[activity.id] = {
        x: lanePadding + (index % perRow) * (nodeWidth + columnGap),
        y: top + laneHeader + lanePadding + Math.floor(index / perRow) * (nodeHeight + rowGap),
      }
    })
    const rows = Math.max(1, Math.ceil(members.length / perRow))
    top += laneHeader + 2 * lanePadding + rows * (nodeHeight + rowGap) - rowGap + laneGap
  }
  return positions
}

/** Where a new activity goes: after the last one of its lane, or under the lanes. */
export function placeNew(document: DefinitionDocument, positions: Record<string, Point>, stage: string): Point {
  const members = document.activities.filter(activity => laneOf(document, activity.stage) === stage && positions[activity.id])
  if (members.length === 0) {
    const bottom = Math.max(0, ...Object.values(positions).map(p => p.y + nodeHeight))
    return { x: lanePadding, y: bottom + laneGap + laneHeader + lanePadding }
  }
  const last = members.map(activity => positions[activity.id]).reduce((a, b) => (b.y > a.y || (b.y === a.y && b.x > a.x) ? b : a))
  return last.x + 2 * (nodeWidth + columnGap) > perRow * (nodeWidth + columnGap)
    ? { x: lanePadding, y: last.y + nodeHeight + rowGap }
    : { x: last.x + nodeWidth + columnGap, y: last.y }
}

/** The lanes around their activities, wherever they were dragged. */
export function lanes(document: DefinitionDocument, positions: Record<string, Point>): Lane[] {
  const result: Lane[] = []
  for (const stage of stagesOf(document)) {
    const points = document.activities
      .filter(activity => laneOf(document, activity.stage) === stage.id)
      .map(activity => positions[activity.id])
      .filter(Boolean)
    if (points.length === 0) continue
    const left = Math.min(...points.map(p => p.x)) - lanePadding
    const top = Math.min(...points.map(p => p.y)) - lanePadding - laneHeader
    const right = Math.max(...points.map(p => p.x + nodeWidth)) + lanePadding
    const bottom = Math.max(...points.map(p => p.y + nodeHeight)) + lanePadding
    result.push({ stage: stage.id, name: stage.name, x: left, y: top, width: right - left, height: bottom - top })
  }
  return result
}

/** Breadth-first from the Start, then the unreachable ones in document order. */
function flowOrder(document: DefinitionDocument): Map<string, number> {
  const next = new Map<string, string[]>()
  for (const connection of document.connections) {
    next.set(connection.source, [...(next.get(connection.source) ?? []), connection.target])
  }
  const order = new Map<string, number>()
  const queue = document.activities.filter(activity => activity.type === 'Start').map(activity => activity.id)
  while (queue.length > 0) {
    const id = queue.shift()!
    if (order.has(id)) continue
    order.set(id, order.size)
    queue.push(...(next.get(id) ?? []))
  }
  for (const activity of document.activities) if (!order.has(activity.id)) order.set(activity.id, order.size)
  return order
}
