import { useCallback, useReducer } from 'react'

/** Undo and redo over whole documents: documents are small, and a snapshot can never be undone half-way. */
interface History<T> {
  past: T[]
  present: T
  future: T[]
  /** What the last change edited (a field); typing in one field makes one step, not one per key. */
  lastKey?: string
  lastAt: number
}

type Action<T> =
  | { kind: 'change'; update: (present: T) => T; key?: string }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'reset'; value: T }

const coalesceWithin = 1000
const depth = 200

function reduce<T>(state: History<T>, action: Action<T>): History<T> {
  switch (action.kind) {
    case 'change': {
      const next = action.update(state.present)
      if (next === state.present) return state
      const now = Date.now()
      const coalesce = action.key !== undefined && action.key === state.lastKey && now - state.lastAt < coalesceWithin
      const past = coalesce ? state.past : [...state.past, state.present].slice(-depth)
      return { past, present: next, future: [], lastKey: action.key, lastAt: now }
    }
    case 'undo': {
      if (state.past.length === 0) return state
      return {
        past: state.past.slice(0, -1),
        present: state.past[state.past.length - 1],
        future: [state.present, ...state.future],
        lastAt: 0,
      }
    }
    case 'redo': {
      if (state.future.length === 0) return state
      return { past: [...state.past, state.present], present: state.future[0], future: state.future.slice(1), lastAt: 0 }
    }
    case 'reset':
      return { past: [], present: action.value, future: [], lastAt: 0 }
  }
}

export function useHistory<T>(initial: T) {
  const [state, dispatch] = useReducer(reduce<T>, { past: [], present: initial, future: [], lastAt: 0 })
  const change = useCallback((update: (present: T) => T, key?: string) => dispatch({ kind: 'change', update, key }), [])
  const undo = useCallback(() => dispatch({ kind: 'undo' }), [])
  const redo = useCallback(() => dispatch({ kind: 'redo' }), [])
  const reset = useCallback((value: T) => dispatch({ kind: 'reset', value }), [])
  return {
    present: state.present,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    change,
    undo,
    redo,
    reset,
  }
}
