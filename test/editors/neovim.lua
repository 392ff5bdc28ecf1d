-- A real LSP client that is not VS Code: headless Neovim's built-in client starts the built server
-- over stdio, opens a GitHub Actions workflow, and checks what a Neovim user would see: its
-- diagnostics, a hover, and completion through <C-x><C-o> in a shell script.
-- Run by test/editors/neovim.test.ts:
--   K8S_SERVER=dist/server.js K8S_FILE=.../.github/workflows/release.yml \
--     nvim --headless --clean -u NONE -c 'luafile test/editors/neovim.lua'
-- Exit code 0 when every check passes; otherwise 1 with the reason on stderr.
-- Works with Neovim 0.7 (vim.lsp.start_client) and later (vim.lsp.start).

local TIMEOUT_MS = 15000

local function fail(message)
  io.stderr:write('neovim.lua: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function env(name)
  local value = os.getenv(name)
  if value == nil or value == '' then fail(name .. ' is not set') end
  return value
end

local function check(ok, message)
  if not ok then error(message, 0) end
end

-- MarkupContent, a MarkedString, or a list of MarkedStrings, as plain text.
local function hover_text(contents)
  if type(contents) == 'string' then return contents end
  if contents.value then return contents.value end
  local parts = {}
  for _, part in ipairs(contents) do table.insert(parts, hover_text(part)) end
  return table.concat(parts, '\n')
end

local function main()
  local server = env('K8S_SERVER')
  local file = env('K8S_FILE')
  local node = os.getenv('K8S_NODE') or 'node'
  local root = vim.fn.fnamemodify(file, ':h:h:h')

  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype == '' then vim.bo[bufnr].filetype = 'yaml' end

  -- The configuration a README user copies: the server over stdio, the k8sPlatforms section as
  -- settings (answered to workspace/configuration) and as initializationOptions.
  local config = {
    name = 'k8s-platforms',
    cmd = { node, server, '--stdio' },
    root_dir = root,
    settings = { k8sPlatforms = { requiredTier = 3 } },
    init_options = { workspaceTrusted = true, settings = { requiredTier = 3 } },
  }
  local exited
  config.on_exit = function(code, signal) exited = string.format('exit code %s, signal %s', code, signal) end
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else
    client_id = vim.lsp.start_client(config)
    check(client_id ~= nil, 'vim.lsp.start_client did not start the server')
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  check(client_id ~= nil, 'the language server did not start')

  local function has(diagnostics, code)
    for _, d in ipairs(diagnostics) do
      if d.code == code then return d end
    end
    return nil
  end

  local diagnostics = {}
  local arrived = vim.wait(TIMEOUT_MS, function()
    diagnostics = vim.diagnostic.get(bufnr)
    if exited then return true end
    return has(diagnostics, 'removed-platform') ~= nil and has(diagnostics, 'duplicate-platform') ~= nil
  end, 50)
  check(exited == nil, 'the language server exited (' .. tostring(exited) .. '): is ' .. server .. ' built?')
  local function listing()
    local lines = {}
    for _, d in ipairs(diagnostics) do
      table.insert(lines, string.format('  %d:%d %s %s (%s)', d.lnum + 1, d.col + 1, tostring(d.code), d.message, tostring(d.source)))
    end
    return table.concat(lines, '\n')
  end
  check(arrived, 'no removed-platform and duplicate-platform diagnostics within ' .. TIMEOUT_MS .. ' ms; got:\n' .. listing())

  -- Neovim counts lines and byte columns from 0; the corpus (and a person) from 1.
  local removed = has(diagnostics, 'removed-platform')
  check(removed.lnum + 1 == 57 and removed.col + 1 == 46,
    string.format('removed-platform is at %d:%d, expected 57:46\n%s', removed.lnum + 1, removed.col + 1, listing()))
  check(removed.source == 'k8s-platforms', 'removed-platform has source ' .. tostring(removed.source))
  local duplicate = has(diagnostics, 'duplicate-platform')
  check(duplicate.source == 'k8s-platforms', 'duplicate-platform has source ' .. tostring(duplicate.source))
  check(duplicate.lnum + 1 == 57, 'duplicate-platform is on line ' .. (duplicate.lnum + 1) .. ', expected 57')

  local line = vim.api.nvim_buf_get_lines(bufnr, 56, 57, true)[1]
  local at = line:find('linux/s390x', 1, true)
  check(at ~= nil, 'line 57 does not contain linux/s390x: ' .. line)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 56, character = at + 1 }, -- inside the token; the file is ASCII
  }
  local answers, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, TIMEOUT_MS)
  check(answers ~= nil, 'hover request failed: ' .. tostring(err))
  local answer = answers[client_id]
  check(answer ~= nil and answer.err == nil, 'hover failed: ' .. vim.inspect(answer and answer.err))
  check(answer.result ~= nil and answer.result ~= vim.NIL, 'no hover on linux/s390x')
  local text = hover_text(answer.result.contents)
  check(text:find('linux/s390x', 1, true) ~= nil, 'the hover does not name linux/s390x:\n' .. text)
  check(text:lower():find('tier 2', 1, true) ~= nil, 'the hover does not say tier 2:\n' .. text)

  return { client_id = client_id, root = root, summary = string.format('%d diagnostics, hover of %d characters', #diagnostics, #text) }
end

-- Shuts the server down as an editor does when it quits, and quits.
local function finish(state, summary)
  vim.lsp.stop_client(state.client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(state.client_id) == nil end, 50)
  io.stdout:write('neovim.lua: ok (' .. summary .. ')\n')
  vim.cmd('qall!')
end

-- Completion as a Neovim user gets it: <C-x><C-o> in insert mode, through vim.lsp.omnifunc, which
-- inserts the first item (the default 'completeopt'). Keys are read by the main loop, so this runs
-- after main() has returned, on timers. (Neovim 0.7 takes the column an item replaces from its
-- textEdit only when the item has no filterText; else from the word before the cursor, which stops
-- at a `/`: `linux/` became `linux/linux/arm64`, QA 265.)
local function completion(state)
  local file = state.root .. '/build.sh'
  local typed = 'docker buildx build --platform linux/amd64,linux/'
  vim.fn.writefile({ typed }, file)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, state.client_id)
  vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('A<C-x><C-o>', true, false, true), 't', false)
  local deadline = vim.loop.now() + TIMEOUT_MS
  local function poll()
    local line = vim.api.nvim_get_current_line()
    if line == typed and vim.loop.now() < deadline then
      vim.defer_fn(poll, 50)
      return
    end
    vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('<Esc>', true, false, true), 't', false)
    local item = line:sub(#typed - #'linux/' + 1)
    local ok, message = pcall(check, line:sub(1, #typed - #'linux/') == typed:sub(1, #typed - #'linux/') and item:match('^linux/[%w]+$') ~= nil,
      'completion after ' .. typed .. ' made: ' .. line)
    if not ok then return fail(message) end
    finish(state, state.summary .. ', completion inserted ' .. item)
  end
  vim.defer_fn(poll, 50)
end

local ok, state = xpcall(main, function(e) return tostring(e) end)
if ok then
  vim.defer_fn(function() completion(state) end, 10)
else
  fail(state)
end
