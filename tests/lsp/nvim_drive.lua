-- Drives Neovim's own LSP client against `agreed lsp`, after one of the README's Neovim snippets has been sourced:
-- opens the agreement named by $DRIVE_AGREEMENT, waits for the server's diagnostics, asks for a hover, completions and
-- the code actions on one line, applies the action whose title holds $DRIVE_APPLY, waits for the diagnostics of the
-- edited buffer, and writes everything it got as JSON to $DRIVE_RESULT (tests/lsp/test_editors.py reads it).
-- Only calls that Neovim 0.7 and 0.11 both have are used, so one script serves every snippet.

local WAIT = 20000
local report = { version = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) }

local function position(variable)
  local line, character = vim.env[variable]:match("^(%d+),(%d+)$")
  return { line = tonumber(line), character = tonumber(character) }
end

local function clients_of(buffer)
  local found = {}
  local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buffer }) or vim.lsp.buf_get_clients(buffer)
  for _, client in pairs(attached) do
    table.insert(found, client)
  end
  return found
end

local function diagnostics_of(buffer)
  local found = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
    local sent = diagnostic.user_data and diagnostic.user_data.lsp or {}
    table.insert(found, {
      line = diagnostic.lnum, col = diagnostic.col, end_line = diagnostic.end_lnum, end_col = diagnostic.end_col,
      severity = diagnostic.severity, source = diagnostic.source, message = diagnostic.message,
      code = diagnostic.code or sent.code,
    })
  end
  return found
end

-- The one answer of the agreed client to a request on the buffer (nil when it gave none).
local function ask(buffer, method, params)
  local answers = vim.lsp.buf_request_sync(buffer, method, params, WAIT) or {}
  for _, answer in pairs(answers) do
    if answer.error then
      error(method .. ": " .. vim.inspect(answer.error))
    end
    return answer.result
  end
  return nil
end

local function drive()
  local changes = 0
  vim.api.nvim_create_autocmd("DiagnosticChanged", { callback = function() changes = changes + 1 end })
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.DRIVE_AGREEMENT))
  local buffer = vim.api.nvim_get_current_buf()
  local document = { uri = vim.uri_from_bufnr(buffer) }
  report.filetype = vim.bo[buffer].filetype
  vim.wait(WAIT, function() return #clients_of(buffer) > 0 end, 50)
  report.clients = {}
  for _, client in ipairs(clients_of(buffer)) do
    table.insert(report.clients, { name = client.name, root = client.config.root_dir })
  end
  if #report.clients == 0 then
    return
  end
  vim.wait(WAIT, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
  report.diagnostics = diagnostics_of(buffer)

  local hover = ask(buffer, "textDocument/hover", { textDocument = document, position = position("DRIVE_HOVER") })
  report.hover = hover and hover.contents or vim.NIL

  local completion = ask(buffer, "textDocument/completion",
    { textDocument = document, position = position("DRIVE_COMPLETE") }) or {}
  report.completion = {}
  for _, item in ipairs(completion.items or completion) do
    table.insert(report.completion, item.label)
  end

  local line = position("DRIVE_FIX").line
  local text = vim.api.nvim_buf_get_lines(buffer, line, line + 1, true)[1]
  local actions = ask(buffer, "textDocument/codeAction", {
    textDocument = document,
    range = { start = { line = line, character = 0 }, ["end"] = { line = line, character = #text } },
    context = { diagnostics = {} },
  }) or {}
  report.actions = {}
  local chosen = nil
  for _, action in ipairs(actions) do
    table.insert(report.actions, action.title)
    if chosen == nil and action.edit and action.title:find(vim.env.DRIVE_APPLY, 1, true) then
      chosen = action
    end
  end
  if chosen == nil then
    return
  end
  local seen = changes
  vim.lsp.util.apply_workspace_edit(chosen.edit, clients_of(buffer)[1].offset_encoding)
  vim.wait(WAIT, function() return changes > seen end, 50)
  report.lines_after = vim.api.nvim_buf_get_lines(buffer, 0, -1, true)
  report.diagnostics_after = diagnostics_of(buffer)
end

local ok, failure = pcall(drive)
if not ok then
  report.error = tostring(failure)
end
vim.fn.writefile({ vim.fn.json_encode(report) }, vim.env.DRIVE_RESULT)
vim.cmd("qall!")
