package web

import "mime/multipart"

type multipartFile = multipart.File
