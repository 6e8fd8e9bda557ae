import { useEffect, useState } from 'react'

/** Loads when `key` changes (the address it reads, say); a new key loads again. */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<unknown>()

  useEffect(() => {
    let current = true
    setError(undefined)
    load().then(
      result => current && setData(result),
      failure => current && setError(failure),
    )
    return () => {
      current = false
    }
    // `load` is a new function at each render: `key` says when what it loads changes.
  }, [key])

  return { data, error }
}
