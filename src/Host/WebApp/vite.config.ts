import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The host serves the built app from src/Host/wwwroot (copied beside its binary by Pathway.Host.csproj).
// `npm run dev` serves the sources with hot reload and forwards the API to a host running on its default port.
const host = process.env.PATHWAY_HOST ?? 'http://127.0.0.1:5080'

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    // Charts are the heaviest part; a warning at 500 kB would only be noise.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': host,
      '/health': host,
    },
  },
})
