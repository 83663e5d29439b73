// Stylesheets are imported for their side effect; Vite bundles them into a .css file.
declare module '*.css'
