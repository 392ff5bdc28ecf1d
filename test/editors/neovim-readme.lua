-- Run after the README's Neovim 0.7 snippet (neovim.test.ts loads both): opens the files given in
-- K8S_FILES (one client must serve them all), waits for their diagnostics, and prints each as
-- `FILE LINE:COL CODE`, then `clients N`. Exit code 0 when the diagnostics arrived in time.

local TIMEOUT_MS = 15000

local function main()
  local files = vim.split(os.getenv('K8S_FILES') or '', ',', { trimempty = true })
  local out = {}
  for _, file in ipairs(files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local bufnr = vim.api.nvim_get_current_buf()
    if not vim.wait(TIMEOUT_MS, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
      error('no diagnostics for ' .. file .. ' in ' .. TIMEOUT_MS .. ' ms', 0)
    end
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(out, string.format('%s %d:%d %s', file, d.lnum + 1, d.col + 1, tostring(code)))
    end
  end
  table.insert(out, 'clients ' .. #vim.lsp.get_active_clients())
  io.stdout:write(table.concat(out, '\n') .. '\nneovim-readme.lua: ok\n')
end

local ok, err = pcall(main)
if not ok then
  io.stderr:write('neovim-readme.lua: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
