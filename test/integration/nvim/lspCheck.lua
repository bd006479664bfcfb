-- Drives Cartograph's language server from Neovim's built-in LSP client (a real third-party client).
-- Run: SERVER=dist/server.js nvim --headless --clean -n -c "luafile test/integration/nvim/lspCheck.lua" FILE
-- Prints one line per check and "N passed, N failed"; exits 1 on any failure.
local passed, failed = 0, 0
local function check(ok, name, detail)
  if ok then passed = passed + 1 else failed = failed + 1 end
  io.stdout:write(string.format('%s %s%s\n', ok and 'PASS' or 'FAIL', name, (not ok and detail) and (': ' .. detail) or ''))
end
local function finish()
  io.stdout:write(string.format('%d passed, %d failed\n', passed, failed))
  os.exit(failed == 0 and 0 or 1)
end

local bufnr = vim.api.nvim_get_current_buf()
local fname = vim.api.nvim_buf_get_name(bufnr)
vim.bo[bufnr].filetype = 'terraform'
local root = vim.fn.fnamemodify(fname, ':h')
local exited = nil
local client_id = vim.lsp.start_client({
  name = 'cartograph',
  cmd = { os.getenv('NODE') or 'node', os.getenv('SERVER'), '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
  get_language_id = function() return 'terraform' end,
  on_exit = function(code) exited = code end,
})
if not client_id then check(false, 'server starts'); finish() end
vim.lsp.buf_attach_client(bufnr, client_id)

-- 1. The syntax error arrives with its exact range.
local got = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
check(got, 'diagnostics published for the broken file')
local d = vim.diagnostic.get(bufnr)[1] or {}
check(d.message == 'Syntax error: `cidr_block` has no value after `=`', 'message names the attribute', vim.inspect(d.message))
check(d.lnum == 5 and d.col == 2 and d.end_lnum == 5 and d.end_col == 14, 'range is line 6, columns 3-14',
  string.format('%s:%s-%s:%s', d.lnum, d.col, d.end_lnum, d.end_col))
check(d.severity == vim.diagnostic.severity.ERROR and d.source == 'cartograph', 'severity error from source cartograph')
local client = vim.lsp.get_client_by_id(client_id)
check(client.server_capabilities.textDocumentSync.change == 2, 'server asks for incremental sync')

-- 2. Fixing the line (an incremental didChange) clears the diagnostic.
vim.api.nvim_buf_set_lines(bufnr, 5, 6, false, { '  cidr_block = "10.0.0.0/16"' })
local cleared = vim.wait(10000, function() return #vim.diagnostic.get(bufnr) == 0 end, 20)
check(cleared, 'diagnostic cleared after the fix')

-- 3. Breaking it again elsewhere brings a new one at the new place.
vim.api.nvim_buf_set_lines(bufnr, 6, 7, false, { '' })
local again = vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
local m = (vim.diagnostic.get(bufnr)[1] or {}).message or ''
check(again and m:find('missing `}`', 1, true) ~= nil, 'unclosed block reported after a second edit', m)

-- 4. Cartograph's own request answers with the workspace's blocks, unsaved edits included.
local res = client.request_sync('cartograph/workspaceInventory', {}, 10000, bufnr)
local kinds = {}
for _, b in ipairs((res and res.result and res.result.blocks) or {}) do table.insert(kinds, b.kind .. ' ' .. table.concat(b.labels, '.')) end
table.sort(kinds)
check(table.concat(kinds, ', ') == 'resource aws_subnet.a, resource aws_vpc.main, variable region', 'workspace inventory', table.concat(kinds, ', '))

-- 5. A clean shutdown.
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return exited ~= nil end, 20)
check(exited == 0, 'server exits cleanly on shutdown', tostring(exited))
finish()
