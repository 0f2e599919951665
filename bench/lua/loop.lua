-- A compute benchmark for lua (tools/bench row "lua loop"): arithmetic in a loop, then strings in a table.
local s = 0
for i = 1, 10000000 do s = (s + i * i) % 1000003 end
local t = {}
for i = 1, 200000 do t[i] = tostring(i) end
print(s, #table.concat(t))
