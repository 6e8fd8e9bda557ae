// Reads shared by several screens, cached under one key by TanStack Query.
import { useQuery } from '@tanstack/react-query'
import { answer, api } from './client'

/** The partners (a short list that seldom changes); `enabled` false for a role that may not read it. */
export function usePartners(enabled = true) {
  return useQuery({ queryKey: ['partners'], queryFn: () => answer(api.GET('/api/partners')), enabled, staleTime: 60_000 })
}
